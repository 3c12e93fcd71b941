import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { setLocale } from './i18n/index.ts';
import './components/tokens.css';
import './components/styles.css';

setLocale('en');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
