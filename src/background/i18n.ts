// Every user-visible sentence the worker produces comes from _locales.
import browser from 'webextension-polyfill';

export function t(key: string, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
