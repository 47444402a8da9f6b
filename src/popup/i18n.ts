import browser from 'webextension-polyfill';

/** Every popup string comes from _locales */
export const t = (key: string, ...subs: string[]): string => browser.i18n.getMessage(key, subs) || key;
