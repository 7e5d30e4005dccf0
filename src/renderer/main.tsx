import { z } from 'zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resolveKioskBridge } from './bridge';
import { newUuid } from './format/uuid';
import { createKioskStore } from './state/kioskStore';
import { KioskStoreProvider } from './state/KioskStoreContext';
import './styles.css';

// The page's CSP forbids eval: tell zod not to probe for it.
z.config({ jitless: true });

const { api, connection } = resolveKioskBridge();
const store = createKioskStore({ api, connection, newVisitId: newUuid });
store.getState().start();
store.subscribe((state, previous) => {
  if (state.language !== previous.language) document.documentElement.lang = state.language;
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <KioskStoreProvider store={store}>
      <App />
    </KioskStoreProvider>
  </StrictMode>,
);
