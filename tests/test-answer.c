/* test-answer.c
 *
 * Answers as Viva stores and shows them (src/bank/viva-answer.c): the
 * canonical Markdown, the blocks the widgets build from, Anki's HTML and
 * plain text. Everything here is untrusted input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-answer.h"

/* Fragments in the shapes answers arrive in: a bank's, a README's,
 * Anki's, and the hostile ones. */
static const char * const fragments[] = {
  "Plain words.",
  "Some *emphasis*, **strong**, `code` and a [link](http://example.com).",
  "**Note:** the label's colon is inside.\n\nA second paragraph.",
  "- one\n- two\n  - nested\n    - deeper\n- three",
  "1. first\n2. second\n\n3) other list",
  "3. starts at three\n4. four",
  "```python\ndef f(x):\n    return x * 2\n```\n\nAfter the code.",
  "```\nno language\n```",
  "    indented code\n    second line",
  "~~~py\nfence of tildes with ``` inside\n~~~",
  "# Top\n\n## Second\n\n### Third\n\nText.",
  "#### Already deep\n\n##### Deeper",
  "Setext\n======\n\nSub\n---",
  "> quoted\n> > nested quote\n\nafter",
  "<div align=\"right\"><b><a href=\"#\">back to top</a></b></div>\n\nText <br> with <img src=x onerror=alert(1)> html.",
  "A &amp; B &lt;tag&gt; &#65; &nbsp;end",
  "{#anchor}\n\ntext\n\n---\n\n***",
  "**Question 5:** would read as a label\n\n**Answer:** so would this\n\n**notes** and this",
  "- **Question 2:** in a list\n\n  > **Answer:** in a quote",
  "line one  \nline two\\\nline three",
  "\\*not emphasis\\* \\_nor\\_ \\`code\\` \\# \\> \\- 1\\. \\[x\\]",
  "`` `backticks` `` and ``` `` ```",
  "**(parenthesised)**word and *\"quoted\"*x",
  "***both*** and **a *b* c**",
  "- a\n\n- b\n\n  continued\n\n  ```\n  code in item\n  ```",
  "- \n- empty item before",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "**Question 4**[](*)*",
  "text with a tab\tand a control \x01 char",
  "1. # heading in item\n2. > quote in item",
  "+ plus\n* star\n- minus",
  "10) ten\n11) eleven",
  "Ends with a backslash\\",
  "_underscore emphasis_ and __underscore strong__ and snake_case_name",
};

static char *
normalize (const char *markdown)
{
  return viva_answer_normalize (markdown, strlen (markdown));
}

static void
test_normalize_idempotent (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    {
      g_autofree char *once = viva_answer_normalize (fragments[i], strlen (fragments[i]));
      g_autofree char *twice = NULL;

      g_assert_nonnull (once);
      g_assert_true (g_utf8_validate (once, -1, NULL));
      twice = viva_answer_normalize (once, strlen (once));
      if (g_strcmp0 (once, twice) != 0)
        g_error ("fragment %u not idempotent:\n%s\n---\n%s", i, once, twice);
    }
}

/* What a bank parser or a Markdown reader would read as something else
 * never survives: no h1-h3, no bold label, no raw HTML. */
static void
test_normalize_safe_for_banks (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    {
      g_autofree char *answer = viva_answer_normalize (fragments[i], strlen (fragments[i]));
      g_auto(GStrv) lines = g_strsplit (answer, "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          const char *line = lines[j];

          if (line[0] == '#')
            g_assert_true (g_str_has_prefix (line, "####"));
          g_assert_false (g_str_has_prefix (line, "**Question"));
          g_assert_false (g_str_has_prefix (line, "**Answer"));
          g_assert_false (g_str_has_prefix (line, "**Notes"));
        }

      g_assert_null (strstr (answer, "<div"));
      g_assert_null (strstr (answer, "<img"));
      g_assert_null (strstr (answer, "<a "));
      g_assert_null (strstr (answer, "<br"));
    }
}

static void
test_normalize_headings_demoted (void)
{
  g_autofree char *shallow = normalize ("# A\n\n## B\n\n### C\n\n#### D");
  g_autofree char *deep = normalize ("#### D\n\n###### F");
  g_autofree char *second = normalize ("## B\n\n### C\n\n##### E");

  /* Relative depth kept from level 4; deeper than 6 is 6. */
  g_assert_cmpstr (shallow, ==, "#### A\n\n##### B\n\n###### C\n\n###### D\n");
  g_assert_cmpstr (deep, ==, "#### D\n\n###### F\n");
  g_assert_cmpstr (second, ==, "#### B\n\n##### C\n\n###### E\n");
}

static void
test_normalize_dropped (void)
{
  g_autofree char *html = normalize ("<div>\n<script>alert(1)</script>\n</div>");
  g_autofree char *rules = normalize ("---\n\n***\n\n{#top}");
  g_autofree char *image = normalize ("![alt text](x.png)");
  g_autofree char *link = normalize ("[the text](javascript:alert(1))");
  g_autofree char *entities = normalize ("&lt;b&gt; &amp; &copy;");

  g_assert_null (html);
  g_assert_null (rules);
  g_assert_null (image);
  g_assert_cmpstr (link, ==, "the text\n");
  g_assert_cmpstr (entities, ==, "\\<b> \\& \xc2\xa9\n");
  g_assert_null (normalize (""));
  g_assert_null (normalize ("   \n\n  "));
}

static void
test_normalize_code (void)
{
  const char *source = "```py\nx = \"```\"\n\n    indented\n```";
  g_autofree char *answer = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  const VivaAnswerBlock *block;

  /* The fence is longer than the ``` inside, and the code is exact. */
  answer = viva_answer_normalize (source, strlen (source));
  g_assert_nonnull (answer);
  blocks = viva_answer_parse_blocks (answer);
  g_assert_cmpuint (blocks->len, ==, 1);
  block = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (block->kind, ==, VIVA_ANSWER_BLOCK_CODE);
  g_assert_cmpstr (block->text, ==, "x = \"```\"\n\n    indented");
  g_assert_cmpstr (block->language, ==, "python");
  g_assert_null (block->markup);
  g_assert_true (g_str_has_prefix (answer, "````py\n"));
}

/* @len is a length, not a promise of a NUL: md4c 0.4.8 reads past the
 * end of a buffer that is not terminated (PLATFORM.md). */
static void
test_normalize_not_terminated (void)
{
  const char text[] = "**Q[](1**)";
  g_autofree char *answer = viva_answer_normalize (text, 9);
  g_autofree char *whole = viva_answer_normalize (text, 10);

  g_assert_nonnull (answer);
  g_assert_null (strchr (answer, ')'));
  g_assert_nonnull (whole);
}

static void
test_normalize_deep_list (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *answer = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  guint max_depth = 0;

  /* 100,000 levels of "> - " in one line: no recursion on the depth. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, i % 2 == 0 ? "> " : "- ");
  g_string_append (text, "deep\n");
  for (guint i = 0; i < 1000; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (text, "  ");
      g_string_append_printf (text, "- item %u\n", i);
    }

  answer = viva_answer_normalize (text->str, text->len);
  g_assert_nonnull (answer);
  g_assert_nonnull (strstr (answer, "deep"));
  g_assert_nonnull (strstr (answer, "item 999"));
  again = viva_answer_normalize (answer, strlen (answer));
  g_assert_cmpstr (answer, ==, again);

  blocks = viva_answer_parse_blocks (answer);
  for (guint i = 0; i < blocks->len; i++)
    max_depth = MAX (max_depth, ((VivaAnswerBlock *)g_ptr_array_index (blocks, i))->depth);
  g_assert_cmpuint (max_depth, <=, VIVA_ANSWER_MAX_DEPTH);

  g_string_free (text, TRUE);
}

static void
test_normalize_huge (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *answer = NULL;
  g_autofree char *again = NULL;

  while (text->len < 3 * VIVA_ANSWER_MAX_SIZE)
    g_string_append (text, "A paragraph of an answer that goes on, with `code` in it.\n\n");

  answer = viva_answer_normalize (text->str, text->len);
  g_assert_nonnull (answer);
  g_assert_cmpuint (strlen (answer), <=, VIVA_ANSWER_MAX_SIZE);
  g_assert_cmpuint (strlen (answer), >, VIVA_ANSWER_MAX_SIZE / 2);
  g_assert_true (g_str_has_suffix (answer, "The rest of this answer was cut: an answer holds at most 1 MiB.\n"));

  again = viva_answer_normalize (answer, strlen (answer));
  g_assert_cmpstr (answer, ==, again);

  g_string_free (text, TRUE);
}

static void
test_normalize_not_utf8 (void)
{
  g_autofree char *answer = viva_answer_normalize ("caf\xe9 \xff\xfe", 8);

  g_assert_nonnull (answer);
  g_assert_true (g_utf8_validate (answer, -1, NULL));
}

static void
check_markup (const char *markup)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  static const GMarkupParser parser = { 0 };
  g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", markup);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) tags = g_regex_new ("<(/?)([a-z]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, wrapped, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  g_regex_match (tags, markup, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 2);

      g_assert_true (g_strv_contains ((const char * const[]) { "tt", "i", "b", NULL }, name));
      g_match_info_next (match, NULL);
    }
}

static void
test_blocks_markup_escaped (void)
{
  const char *source =
    "Text with <script>alert(1)</script> & `a < b` and *<b>x</b>*\n\n"
    "- item <img src=x onerror=alert(1)>\n"
    "- **bold *nested* and `code`**\n\n"
    "> quote & \"quotes\" 'apostrophes'\n\n"
    "#### Heading <i>\n\n"
    "**Question 4**[](*)*";
  g_autofree char *answer = viva_answer_normalize (source, strlen (source));
  g_autoptr(GPtrArray) blocks = viva_answer_parse_blocks (answer);
  g_autoptr(GPtrArray) raw = viva_answer_parse_blocks (source);
  GPtrArray *both[] = { blocks, raw };

  for (guint k = 0; k < G_N_ELEMENTS (both); k++)
    for (guint i = 0; i < both[k]->len; i++)
      {
        const VivaAnswerBlock *block = g_ptr_array_index (both[k], i);

        if (block->kind == VIVA_ANSWER_BLOCK_CODE)
          continue;
        check_markup (block->markup);
        g_assert_null (strstr (block->markup, "<script"));
        g_assert_null (strstr (block->markup, "<img"));
      }

  g_assert_cmpuint (blocks->len, ==, 6);
  g_assert_cmpint (((VivaAnswerBlock *)g_ptr_array_index (blocks, 0))->kind, ==, VIVA_ANSWER_BLOCK_PARAGRAPH);
  g_assert_cmpstr (((VivaAnswerBlock *)g_ptr_array_index (blocks, 0))->markup, ==,
                   "Text with alert(1) &amp; <tt>a &lt; b</tt> and <i>x</i>");
  g_assert_cmpint (((VivaAnswerBlock *)g_ptr_array_index (blocks, 1))->kind, ==, VIVA_ANSWER_BLOCK_LIST_ITEM);
  g_assert_cmpstr (((VivaAnswerBlock *)g_ptr_array_index (blocks, 2))->markup, ==,
                   "<b>bold <i>nested</i> and <tt>code</tt></b>");
  g_assert_cmpint (((VivaAnswerBlock *)g_ptr_array_index (blocks, 3))->kind, ==, VIVA_ANSWER_BLOCK_QUOTE);
  g_assert_cmpint (((VivaAnswerBlock *)g_ptr_array_index (blocks, 4))->kind, ==, VIVA_ANSWER_BLOCK_HEADING);
  g_assert_cmpuint (((VivaAnswerBlock *)g_ptr_array_index (blocks, 4))->ordinal, ==, 4);
}

static void
test_blocks_lists (void)
{
  const char *source = "- a\n  - b\n- c\n\n3. three\n4. four\n\n   more of four";
  g_autofree char *answer = viva_answer_normalize (source, strlen (source));
  g_autoptr(GPtrArray) blocks = viva_answer_parse_blocks (answer);
  static const struct { VivaAnswerBlockKind kind; guint depth; guint ordinal; const char *text; } expected[] = {
    { VIVA_ANSWER_BLOCK_LIST_ITEM, 0, 0, "a" },
    { VIVA_ANSWER_BLOCK_LIST_ITEM, 1, 0, "b" },
    { VIVA_ANSWER_BLOCK_LIST_ITEM, 0, 0, "c" },
    { VIVA_ANSWER_BLOCK_LIST_ITEM, 0, 3, "three" },
    { VIVA_ANSWER_BLOCK_LIST_ITEM, 0, 4, "four" },
    { VIVA_ANSWER_BLOCK_PARAGRAPH, 1, 0, "more of four" },
  };

  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const VivaAnswerBlock *block = g_ptr_array_index (blocks, i);

      g_assert_cmpint (block->kind, ==, expected[i].kind);
      g_assert_cmpuint (block->depth, ==, expected[i].depth);
      g_assert_cmpuint (block->ordinal, ==, expected[i].ordinal);
      g_assert_cmpstr (block->text, ==, expected[i].text);
    }
}

static void
test_html_allowed_tags (void)
{
  static const char * const allowed[] = {
    "p", "ul", "ol", "li", "pre", "code", "b", "i", "br", "blockquote", "h4", "h5", "h6", NULL
  };
  g_autoptr(GRegex) tags = g_regex_new ("<(/?)([a-zA-Z0-9]+)", 0, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    {
      g_autofree char *answer = viva_answer_normalize (fragments[i], strlen (fragments[i]));
      g_autofree char *html = viva_answer_to_html (answer);
      g_autofree char *raw_html = viva_answer_to_html (fragments[i]);
      const char *both[] = { html, raw_html };

      for (guint k = 0; k < G_N_ELEMENTS (both); k++)
        {
          g_autoptr(GMatchInfo) match = NULL;

          g_assert_null (strchr (both[k], '\t'));
          g_assert_null (strchr (both[k], '\n'));
          g_assert_null (strstr (both[k], "<script"));
          g_assert_null (strstr (both[k], "<img"));

          g_regex_match (tags, both[k], 0, &match);
          while (g_match_info_matches (match))
            {
              g_autofree char *name = g_match_info_fetch (match, 2);

              if (!g_strv_contains (allowed, name))
                g_error ("fragment %u: <%s> in %s", i, name, both[k]);
              g_match_info_next (match, NULL);
            }
        }
    }

  {
    g_autofree char *empty = viva_answer_to_html (NULL);

    g_assert_cmpstr (empty, ==, "");
  }
}

static void
test_html_code (void)
{
  const char *source = "Before:\n\n```python\nif a < b and c & d:\n    print('x')\t# tab\n    return\n```";
  g_autofree char *answer = viva_answer_normalize (source, strlen (source));
  g_autofree char *html = viva_answer_to_html (answer);
  g_autofree char *lists = viva_answer_to_html ("- a\n  - b\n- c\n\n2. x\n3. y");

  g_assert_cmpstr (html, ==,
                   "<p>Before:</p>"
                   "<pre><code>if a &lt; b and c &amp; d:<br>    print(&apos;x&apos;)&#9;# tab<br>    return</code></pre>");
  g_assert_cmpstr (lists, ==,
                   "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><ol start=\"2\"><li>x</li><li>y</li></ol>");
}

static void
test_plain_text (void)
{
  const char *source = "Intro `code`.\n\n- a\n- b\n\n1. one\n\n```\nx = 1\n```\n\n> said";
  g_autofree char *answer = viva_answer_normalize (source, strlen (source));
  g_autofree char *plain = viva_answer_to_plain_text (answer);

  g_assert_cmpstr (plain, ==, "Intro code.\n\n- a\n- b\n1. one\n\nx = 1\n\n> said");
  {
    g_autofree char *empty = viva_answer_to_plain_text (NULL);

    g_assert_cmpstr (empty, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/answer/normalize/idempotent", test_normalize_idempotent);
  g_test_add_func ("/answer/normalize/safe-for-banks", test_normalize_safe_for_banks);
  g_test_add_func ("/answer/normalize/headings-demoted", test_normalize_headings_demoted);
  g_test_add_func ("/answer/normalize/dropped", test_normalize_dropped);
  g_test_add_func ("/answer/normalize/code", test_normalize_code);
  g_test_add_func ("/answer/normalize/not-terminated", test_normalize_not_terminated);
  g_test_add_func ("/answer/normalize/deep-list", test_normalize_deep_list);
  g_test_add_func ("/answer/normalize/huge", test_normalize_huge);
  g_test_add_func ("/answer/normalize/not-utf8", test_normalize_not_utf8);
  g_test_add_func ("/answer/blocks/markup-escaped", test_blocks_markup_escaped);
  g_test_add_func ("/answer/blocks/lists", test_blocks_lists);
  g_test_add_func ("/answer/html/allowed-tags", test_html_allowed_tags);
  g_test_add_func ("/answer/html/code", test_html_code);
  g_test_add_func ("/answer/plain-text", test_plain_text);

  return g_test_run ();
}
