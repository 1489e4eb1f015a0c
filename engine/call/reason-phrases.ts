/** RFC 3261 section 21 reason phrases for the codes a call most often ends with. */
const phrases: Record<number, string> = {
  200: 'Normal call clearing',
  400: 'Bad Request',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
  600: 'Busy Everywhere',
  603: 'Decline',
  604: 'Does Not Exist Anywhere',
};

export function reasonPhrase(code: number): string {
  return phrases[code] ?? (code >= 600 ? 'Global Failure' : code >= 500 ? 'Server Failure' : 'Request Failure');
}
