/* viva-json-scan.h
 *
 * A linear pre-scan of untrusted JSON bytes, run before json-glib sees
 * them. json-glib 1.6 has no nesting limit (it overflows its stack near
 * 100,000 levels) and is lenient in ways that silently change data, so
 * the scan rejects what json-glib would crash on or misread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * VivaJsonScanResult:
 * @VIVA_JSON_SCAN_OK: nothing found; json-glib may parse the bytes
 * @VIVA_JSON_SCAN_TOO_DEEP: arrays and objects nest deeper than allowed
 * @VIVA_JSON_SCAN_NUL_BYTE: a NUL byte, which C strings cannot carry
 * @VIVA_JSON_SCAN_NUL_ESCAPE: a "\u0000" escape in a string; json-glib
 *   would silently cut the string there
 * @VIVA_JSON_SCAN_BAD_ESCAPE: an escape JSON does not have ("\x41", "\'")
 *   or a lone UTF-16 surrogate; json-glib drops the backslash or produces
 *   invalid UTF-8
 * @VIVA_JSON_SCAN_BAD_UTF8: bytes that are not UTF-8
 * @VIVA_JSON_SCAN_BAD_CHARACTER: a character JSON does not allow outside
 *   strings, such as a single quote, a comment or a hexadecimal number,
 *   all of which json-glib accepts
 * @VIVA_JSON_SCAN_UNBALANCED: a closing bracket without its opening one
 * @VIVA_JSON_SCAN_UNTERMINATED_STRING: the input ends inside a string
 * @VIVA_JSON_SCAN_TRAILING_DATA: more after the top-level value; json-glib
 *   would silently drop it
 * @VIVA_JSON_SCAN_LEADING_ZERO: a number with a leading zero ("010"),
 *   which JSON does not allow and json-glib reads as octal (8)
 */
typedef enum
{
  VIVA_JSON_SCAN_OK,
  VIVA_JSON_SCAN_TOO_DEEP,
  VIVA_JSON_SCAN_NUL_BYTE,
  VIVA_JSON_SCAN_NUL_ESCAPE,
  VIVA_JSON_SCAN_BAD_ESCAPE,
  VIVA_JSON_SCAN_BAD_UTF8,
  VIVA_JSON_SCAN_BAD_CHARACTER,
  VIVA_JSON_SCAN_UNBALANCED,
  VIVA_JSON_SCAN_UNTERMINATED_STRING,
  VIVA_JSON_SCAN_TRAILING_DATA,
  VIVA_JSON_SCAN_LEADING_ZERO,
} VivaJsonScanResult;

/**
 * VivaJsonScanNumber:
 * @offset: where the number starts, in bytes
 * @length: its length
 * @member_offset: where the name of the top-level member whose value it
 *   is starts (after the quote), or 0 when it is not such a value
 * @member_length: that name's length as written, escapes not decoded; 0
 *   when the number is not a top-level member's value
 *
 * An integer that json-glib 1.6 cannot hold: it silently wraps what does
 * not fit a gint64 ("9223372036854775808" reads as -9223372036854775808,
 * "18446744073709551616" as -1, "-99999999999999999999999" as 1).
 */
typedef struct
{
  gsize offset;
  gsize length;
  gsize member_offset;
  gsize member_length;
} VivaJsonScanNumber;

VivaJsonScanResult viva_json_scan (const char *data,
                                   gsize       len,
                                   guint       max_depth,
                                   gsize      *error_offset,
                                   GArray     *large_integers);

G_END_DECLS
