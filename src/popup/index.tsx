// early-requests first: its messages leave before preact and zod evaluate.
import './early-requests';
import { render } from 'preact';
import { App } from './App';
import { workerConnector } from './connector';

render(<App connector={workerConnector} />, document.getElementById('app')!);
