// early-requests first: its messages leave before preact and zod evaluate.
import './early-requests';
import { render } from 'preact';
import { App } from './App';
import { workerConnector } from './connector';
import { t } from './i18n';

// The page speaks the language of its messages, so screen readers pick the right voice (issue #8).
document.documentElement.lang = t('pageLanguage');
document.title = t('actionTitle');

render(<App connector={workerConnector} />, document.getElementById('app')!);
