/** Where the app serves tasks-vision's wasm and the model (vite.renderer.config.ts copies them there). No DOM: `npm run face` reads it too. */
export const WASM_DIR = 'mediapipe/wasm';
export const MODEL_FILE = 'mediapipe/face_detection_short_range.tflite';
