import { render } from 'preact';
import browser from 'webextension-polyfill';
import { Options } from './Options';

// The page speaks the language of its messages, so screen readers pick the right voice (issue #8).
document.documentElement.lang = browser.i18n.getMessage('pageLanguage');
document.title = browser.i18n.getMessage('optionsTitle');

render(<Options />, document.getElementById('app')!);
