/** The sites an administrator may choose from (the dashboard's site choice), by name. */
import { z } from 'zod';
import { Site } from './domain';

export const SiteList = z.object({ sites: z.array(Site) });
export type SiteList = z.infer<typeof SiteList>;
