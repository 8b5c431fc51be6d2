/** How the explainer reads time: the allowances its bounds rest on (docs/log-explainer.md). */

/** A stamp follows its event by at most this many seconds (a process descheduled, a syslog daemon's queue). */
export const LAG = 0.25;
/** A session not kept in the connection cache is closed within this many seconds of its last reply (QUIT). */
export const CLOSE_SLACK = 1;
