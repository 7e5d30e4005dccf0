/** The review screen's calls (src/cloud/routes/review.ts); decisions go through the bookings route (api/client.ts). */
import { ReviewItem, ReviewList, type ReviewBox } from '../../../shared/review';
import { call } from '../../api/client';

export const listReview = (token: string, box: ReviewBox) => call(ReviewList, 'GET', `/review/bookings?box=${box}`, { token });

export const readReviewItem = (token: string, id: string) => call(ReviewItem, 'GET', `/review/bookings/${encodeURIComponent(id)}`, { token });
