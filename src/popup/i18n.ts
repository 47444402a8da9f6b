import { extensionApi } from './extension-api';

/** Every popup string comes from _locales */
export const t = (key: string, ...subs: string[]): string => extensionApi().i18n.getMessage(key, subs) || key;
