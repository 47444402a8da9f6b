// ApiError → the sentence a user reads, from _locales.
import type { ApiError } from './api/errors';
import { t } from './i18n';

export function userMessage(error: ApiError): string {
  switch (error.kind) {
    case 'unauthorized':
      return t('errorUnauthorized');
    case 'forbidden':
      return error.serverMessage ? t('errorForbiddenWithReason', error.serverMessage) : t('errorForbidden');
    case 'notFound':
      return t('errorNotFound');
    case 'badRequest':
      return error.serverMessage ? t('errorBadRequestWithReason', error.serverMessage) : t('errorBadRequest');
    case 'rateLimited':
      return t('errorRateLimited');
    case 'server':
      return t('errorServer', String(error.status ?? ''));
    case 'network':
      return t('errorNetwork');
    case 'timeout':
      return t('errorTimeout');
    case 'malformed':
      return t('errorMalformed');
  }
}
