/*
 * IATI activity reader (IATI Activity Standard 2.03, and the role and transaction words of
 * 1.0x): organisations become nodes, participating-org roles and transactions become edges.
 *
 * libxml2's streaming reader (xmlTextReader) walks the file and keeps one activity in memory at
 * a time. The file is walked twice: the first pass indexes the organisation identifiers and the
 * activity identifiers of the whole file, so that a receiver-activity-id resolves the same way
 * whatever the order of the activities; the second pass builds the graph. Before either, a SAX
 * pass over the prolog refuses a DOCTYPE: no DTD, no entity and no external resource is ever
 * loaded. contact-info and every other element the graph does not need are skipped unread.
 */
#include "read/xml_guard.h"
#include "stakegraph.h"
#include "util/strbuf.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- strings -------------------------------------------------------------------------------- */

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A copy of `s` with surrounding white space removed and inner runs of it made one space;
 * `lower`: ASCII letters in lower case (never the locale). NULL when out of memory. */
static char *clean_text(const char *s, int lower) {
    size_t n = s ? strlen(s) : 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (is_space(c)) {
            gap = k > 0;
            continue;
        }
        if (gap)
            out[k++] = ' ';
        gap = 0;
        out[k++] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[k] = '\0';
    return out;
}

/* 1 when `s` is NULL or only white space. */
static int blank(const char *s) {
    for (; s && *s; s++)
        if (!is_space(*s))
            return 0;
    return 1;
}

/* ASCII case-insensitive equality of `s` (surrounding white space ignored) and `word`, where
 * ' ', '-' and '_' in `s` all match '_' in `word`. */
static int word_is(const char *s, const char *word) {
    if (!s)
        return 0;
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        n--;
    size_t i = 0;
    for (; i < n && word[i]; i++) {
        char a = s[i], b = word[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a == ' ' || a == '-')
            a = '_';
        if (a != b)
            return 0;
    }
    return i == n && word[i] == '\0';
}

/* ---- a set of strings, each with a number --------------------------------------------------- */

typedef struct {
    char **keys;
    size_t *values;
    size_t count, slots; /* slots: 0 or a power of two */
} strmap;

static uint64_t hash_text(const char *s) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

static size_t strmap_slot(const strmap *m, const char *key) {
    size_t k = (size_t)(hash_text(key) & (m->slots - 1));
    while (m->keys[k] && strcmp(m->keys[k], key) != 0)
        k = (k + 1) & (m->slots - 1);
    return k;
}

/* 1 and the value when `key` is in the map, else 0. */
static int strmap_get(const strmap *m, const char *key, size_t *value) {
    if (!m->slots || !key)
        return 0;
    size_t k = strmap_slot(m, key);
    if (!m->keys[k])
        return 0;
    if (value)
        *value = m->values[k];
    return 1;
}

/* Adds `key` (copied) with `value` unless it is there. Returns SG_OK or SG_ENOMEM. */
static int strmap_put(strmap *m, const char *key, size_t value) {
    if ((m->count + 1) * 2 > m->slots) {
        strmap bigger = {0};
        bigger.slots = m->slots ? m->slots * 2 : 64;
        bigger.keys = calloc(bigger.slots, sizeof *bigger.keys);
        bigger.values = calloc(bigger.slots, sizeof *bigger.values);
        if (!bigger.keys || !bigger.values) {
            free(bigger.keys);
            free(bigger.values);
            return SG_ENOMEM;
        }
        for (size_t i = 0; i < m->slots; i++) {
            if (m->keys[i]) {
                size_t k = strmap_slot(&bigger, m->keys[i]);
                bigger.keys[k] = m->keys[i];
                bigger.values[k] = m->values[i];
            }
        }
        bigger.count = m->count;
        free(m->keys);
        free(m->values);
        *m = bigger;
    }
    size_t k = strmap_slot(m, key);
    if (m->keys[k])
        return SG_OK;
    if (!(m->keys[k] = strdup(key)))
        return SG_ENOMEM;
    m->values[k] = value;
    m->count++;
    return SG_OK;
}

static void strmap_free(strmap *m) {
    for (size_t i = 0; i < m->slots; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

/* ---- one activity as read ---------------------------------------------------------------------
 */

typedef struct {
    char *lang; /* in-scope xml:lang; NULL when none */
    char *text; /* white space cleaned, never empty */
} narrative;

typedef struct {
    narrative *items;
    size_t count, cap;
} narratives;

/* A reporting-org, participating-org, provider-org or receiver-org element. */
typedef struct {
    int present;
    long line;
    char *ref, *type, *role, *activity_id; /* attributes as written; NULL when absent */
    char *lang;                            /* the element's in-scope xml:lang */
    narratives names;                      /* narrative children, or 1.0x text content */
    sg_buf direct;                         /* text directly inside the element (1.0x) */
} org_elem;

typedef struct {
    char **items;
    size_t count, cap;
} str_list;

typedef struct {
    long line;
    char *type_code, *type_attr, *flow, *date, *currency, *value_date;
    sg_buf type_text, value;
    org_elem provider, receiver;
    str_list countries;
} transaction;

enum { D_PLANNED_START, D_ACTUAL_START, D_PLANNED_END, D_ACTUAL_END, N_DATES };

typedef struct {
    long line;
    char *lang, *default_currency;
    sg_buf identifier;
    narratives title;
    org_elem reporting;
    org_elem *orgs;
    size_t n_orgs, cap_orgs;
    transaction *txns;
    size_t n_txns, cap_txns;
    str_list countries;
    int year[N_DATES]; /* 0: not given */
} activity;

static int push_text(str_list *l, const char *s) {
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        char **p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        l->items = p;
        l->cap = cap;
    }
    char *c = clean_text(s, 0);
    if (!c)
        return SG_ENOMEM;
    l->items[l->count++] = c;
    return SG_OK;
}

static void str_list_free(str_list *l) {
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
}

/* Adds a narrative (text cleaned; blank text is not added). */
static int push_narrative(narratives *l, const char *lang, const char *text) {
    if (blank(text))
        return SG_OK;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 2;
        narrative *p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        l->items = p;
        l->cap = cap;
    }
    narrative *n = &l->items[l->count];
    n->text = clean_text(text, 0);
    n->lang = lang && *lang ? strdup(lang) : NULL;
    if (!n->text || (lang && *lang && !n->lang)) {
        free(n->text);
        free(n->lang);
        return SG_ENOMEM;
    }
    l->count++;
    return SG_OK;
}

static void narratives_free(narratives *l) {
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].lang);
        free(l->items[i].text);
    }
    free(l->items);
}

static void org_free(org_elem *o) {
    free(o->ref);
    free(o->type);
    free(o->role);
    free(o->activity_id);
    free(o->lang);
    narratives_free(&o->names);
    sg_buf_free(&o->direct);
}

static void transaction_free(transaction *t) {
    free(t->type_code);
    free(t->type_attr);
    free(t->flow);
    free(t->date);
    free(t->currency);
    free(t->value_date);
    sg_buf_free(&t->type_text);
    sg_buf_free(&t->value);
    org_free(&t->provider);
    org_free(&t->receiver);
    str_list_free(&t->countries);
}

static void activity_free(activity *a) {
    free(a->lang);
    free(a->default_currency);
    sg_buf_free(&a->identifier);
    narratives_free(&a->title);
    org_free(&a->reporting);
    for (size_t i = 0; i < a->n_orgs; i++)
        org_free(&a->orgs[i]);
    free(a->orgs);
    for (size_t i = 0; i < a->n_txns; i++)
        transaction_free(&a->txns[i]);
    free(a->txns);
    str_list_free(&a->countries);
    memset(a, 0, sizeof *a);
}

/* The name of an organisation element for its id: the first narrative (never --lang, so that ids
 * do not depend on the option). NULL when it has none. */
static const char *first_name(const org_elem *o) {
    return o->names.count ? o->names.items[0].text : NULL;
}

/* 1 when language tag `have` is `want` or a subtag of it ("fr-CA" for "fr"), ASCII case folded. */
static int lang_matches(const char *have, const char *want) {
    if (!have || !want || !*want)
        return 0;
    size_t n = strlen(want);
    for (size_t i = 0; i < n; i++) {
        char a = have[i], b = want[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return have[n] == '\0' || have[n] == '-' || have[n] == '_';
}

/* The label among `l`: the first narrative in `lang`, else the first. `*matched` is 1 when the
 * label is in `lang`. NULL when there is none. */
static const char *pick_label(const narratives *l, const char *lang, int *matched) {
    *matched = 0;
    for (size_t i = 0; lang && i < l->count; i++) {
        if (lang_matches(l->items[i].lang, lang)) {
            *matched = 1;
            return l->items[i].text;
        }
    }
    return l->count ? l->items[0].text : NULL;
}

/* ---- codelists ------------------------------------------------------------------------------ */

enum {
    ROLE_FUNDING,
    ROLE_ACCOUNTABLE,
    ROLE_EXTENDING,
    ROLE_IMPLEMENTING,
    ROLE_BENEFICIARY,
    N_ROLES
};

static const char *const role_words[N_ROLES] = {"funding", "accountable", "extending",
                                                "implementing", "beneficiary"};

/* OrganisationRole: 2.0x codes 1-4, the 1.0x words, and the v1 words donor, implementing and
 * beneficiary, in any case. Returns the role, or -1. */
static int parse_role(const char *s) {
    static const struct {
        const char *text;
        int role;
    } roles[] = {{"1", ROLE_FUNDING},
                 {"2", ROLE_ACCOUNTABLE},
                 {"3", ROLE_EXTENDING},
                 {"4", ROLE_IMPLEMENTING},
                 {"funding", ROLE_FUNDING},
                 {"donor", ROLE_FUNDING},
                 {"accountable", ROLE_ACCOUNTABLE},
                 {"extending", ROLE_EXTENDING},
                 {"implementing", ROLE_IMPLEMENTING},
                 {"beneficiary", ROLE_BENEFICIARY}};
    for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++)
        if (word_is(s, roles[k].text))
            return roles[k].role;
    return -1;
}

/* OrganisationType (codelist of IATI 2.03; 1.0x used the same codes) as words. */
static const struct {
    const char *code;
    const char *words;
} org_types[] = {
    {"10", "government"},
    {"11", "local government"},
    {"15", "other public sector"},
    {"21", "international NGO"},
    {"22", "national NGO"},
    {"23", "regional NGO"},
    {"24", "partner country based NGO"},
    {"30", "public private partnership"},
    {"40", "multilateral"},
    {"60", "foundation"},
    {"70", "private sector"},
    {"71", "private sector in provider country"},
    {"72", "private sector in aid recipient country"},
    {"73", "private sector in third country"},
    {"80", "academic, training and research"},
    {"90", "other"},
};

/* The words of an OrganisationType code or of its words in any case; NULL when unknown. */
static const char *org_type_words(const char *s) {
    for (size_t k = 0; k < sizeof org_types / sizeof org_types[0]; k++) {
        if (word_is(s, org_types[k].code))
            return org_types[k].words;
        if (sg_ascii_casecmp(s, org_types[k].words) == 0)
            return org_types[k].words;
    }
    return NULL;
}

enum { FLOW_NONE, FLOW_OUT, FLOW_IN };

/* TransactionType: 2.0x codes, 1.0x letter codes, and words. `flow` is where the money goes as
 * seen by the reporting organisation (IATI's rule for a missing provider or receiver). */
static const struct {
    const char *code, *letters, *word;
    int flow;
} tx_types[] = {
    {"1", "IF", "incoming_funds", FLOW_IN},       {"2", "C", "commitment", FLOW_OUT},
    {"3", "D", "disbursement", FLOW_OUT},         {"4", "E", "expenditure", FLOW_OUT},
    {"5", "IR", "interest_payment", FLOW_NONE},   {"6", "LR", "loan_repayment", FLOW_NONE},
    {"7", "R", "reimbursement", FLOW_OUT},        {"8", "QP", "purchase_of_equity", FLOW_OUT},
    {"9", "QS", "sale_of_equity", FLOW_IN},       {"10", "CG", "credit_guarantee", FLOW_OUT},
    {"11", NULL, "incoming_commitment", FLOW_IN}, {"12", NULL, "outgoing_pledge", FLOW_OUT},
    {"13", NULL, "incoming_pledge", FLOW_IN},
};
enum { N_TX_TYPES = sizeof tx_types / sizeof tx_types[0] };

/* The transaction type of `s` (code, letters or words such as "Incoming Funds"); -1 if none. */
static int tx_type_of(const char *s) {
    if (blank(s))
        return -1;
    for (int k = 0; k < N_TX_TYPES; k++) {
        if (word_is(s, tx_types[k].code) || word_is(s, tx_types[k].word) ||
            (tx_types[k].letters && sg_ascii_casecmp(s, tx_types[k].letters) == 0))
            return k;
    }
    if (word_is(s, "outgoing_commitment"))
        return 1;
    if (word_is(s, "disbursment")) /* so spelt in the World Bank's 1.0x files */
        return 2;
    return -1;
}

/* The type of a transaction: transaction-type/@code, its text (1.0x), transaction/@type (early
 * 1.0x drafts), and for those drafts' words such as "contribution" the direction in @flow. */
static int transaction_type(const transaction *t) {
    int k = tx_type_of(t->type_code);
    if (k < 0)
        k = tx_type_of(t->type_text.data);
    if (k < 0)
        k = tx_type_of(t->type_attr);
    if (k < 0 && word_is(t->flow, "incoming"))
        k = 0;
    return k;
}

/* The year of an ISO date ("2020-09-30"); 0 when it does not start with four digits. */
static int year_of(const char *s) {
    if (!s)
        return 0;
    while (is_space(*s))
        s++;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return s[4] == '\0' || s[4] == '-' || is_space(s[4]) ? y : 0;
}

/* ---- the streaming walk --------------------------------------------------------------------- */

typedef enum {
    K_OTHER,
    K_WRAPPER, /* iati-activities, or a portal's result element around it */
    K_ACTIVITY,
    K_IDENTIFIER,
    K_REPORTING,
    K_PARTICIPATING,
    K_TITLE,
    K_COUNTRY,
    K_DATE,
    K_TRANSACTION,
    K_TX_TYPE,
    K_TX_DATE,
    K_VALUE,
    K_PROVIDER,
    K_RECEIVER,
    K_NARRATIVE
} kind;

/* Deeper elements are not looked at (IATI's own nesting ends near depth 8). */
enum { MAX_DEPTH = 64 };

typedef struct builder builder;
typedef int (*activity_fn)(builder *b, activity *a);

typedef struct {
    xmlTextReaderPtr reader;
    const char *name;
    sg_diag *diag;
    kind kinds[MAX_DEPTH];
    sg_buf *text[MAX_DEPTH]; /* where the text inside the element at each depth goes */
    activity act;
    org_elem *org;    /* the organisation element being read */
    transaction *tx;  /* the transaction being read */
    sg_buf narrative; /* the narrative being read */
    char *narrative_lang;
    sg_buf title_text; /* 1.0x: a title's own text */
    char *title_lang;
    long activities;
    long error_line;
    char error[512];
} walker;

static char *attr(xmlTextReaderPtr r, const char *name) {
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    char *s = v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static char *xml_lang(xmlTextReaderPtr r) {
    const xmlChar *l = xmlTextReaderConstXmlLang(r);
    return l && *l ? strdup((const char *)l) : NULL;
}

static long node_line(xmlTextReaderPtr r) {
    xmlNodePtr n = xmlTextReaderCurrentNode(r);
    long line = n ? xmlGetLineNo(n) : -1;
    return line > 0 ? line : xmlTextReaderGetParserLineNumber(r);
}

/* What an element is, from its name and its parent's kind. */
static kind classify(const char *name, kind parent, int depth) {
    static const struct {
        kind parent;
        const char *name;
        kind k;
    } table[] = {
        {K_WRAPPER, "iati-activity", K_ACTIVITY},
        {K_WRAPPER, "iati-activities", K_WRAPPER},
        {K_WRAPPER, "result", K_WRAPPER},
        {K_ACTIVITY, "iati-identifier", K_IDENTIFIER},
        {K_ACTIVITY, "reporting-org", K_REPORTING},
        {K_ACTIVITY, "participating-org", K_PARTICIPATING},
        {K_ACTIVITY, "title", K_TITLE},
        {K_ACTIVITY, "recipient-country", K_COUNTRY},
        {K_ACTIVITY, "activity-date", K_DATE},
        {K_ACTIVITY, "transaction", K_TRANSACTION},
        {K_REPORTING, "narrative", K_NARRATIVE},
        {K_PARTICIPATING, "narrative", K_NARRATIVE},
        {K_PROVIDER, "narrative", K_NARRATIVE},
        {K_RECEIVER, "narrative", K_NARRATIVE},
        {K_TITLE, "narrative", K_NARRATIVE},
        {K_TRANSACTION, "transaction-type", K_TX_TYPE},
        {K_TRANSACTION, "transaction-date", K_TX_DATE},
        {K_TRANSACTION, "value", K_VALUE},
        {K_TRANSACTION, "provider-org", K_PROVIDER},
        {K_TRANSACTION, "receiver-org", K_RECEIVER},
        {K_TRANSACTION, "recipient-country", K_COUNTRY},
    };
    if (depth >= MAX_DEPTH)
        return K_OTHER;
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (table[k].parent == parent && strcmp(table[k].name, name) == 0)
            return table[k].k;
    return K_OTHER;
}

static int grow(void **items, size_t *cap, size_t count, size_t size) {
    if (count < *cap)
        return SG_OK;
    size_t n = *cap ? *cap * 2 : 4;
    void *p = realloc(*items, n * size);
    if (!p)
        return SG_ENOMEM;
    memset((char *)p + *cap * size, 0, (n - *cap) * size);
    *items = p;
    *cap = n;
    return SG_OK;
}

static int open_org(walker *w, org_elem *o, const char *activity_attr, int with_role) {
    w->org = o;
    o->present = 1;
    o->line = node_line(w->reader);
    o->ref = attr(w->reader, "ref");
    o->type = attr(w->reader, "type");
    o->lang = xml_lang(w->reader);
    if (with_role)
        o->role = attr(w->reader, "role");
    if (activity_attr)
        o->activity_id = attr(w->reader, activity_attr);
    return SG_OK;
}

/* An element starts at `depth`. */
static int start_element(walker *w, int depth, kind k) {
    xmlTextReaderPtr r = w->reader;
    activity *a = &w->act;
    int rc = SG_OK;
    switch (k) {
    case K_ACTIVITY:
        activity_free(a);
        a->line = node_line(r);
        a->lang = xml_lang(r);
        a->default_currency = attr(r, "default-currency");
        break;
    case K_IDENTIFIER:
        w->text[depth] = &a->identifier;
        break;
    case K_REPORTING:
        if (a->reporting.present) {
            w->kinds[depth] = K_OTHER; /* the first reporting-org counts */
            break;
        }
        rc = open_org(w, &a->reporting, NULL, 0);
        w->text[depth] = &a->reporting.direct;
        break;
    case K_PARTICIPATING:
        if ((rc = grow((void **)&a->orgs, &a->cap_orgs, a->n_orgs, sizeof *a->orgs)) != SG_OK)
            break;
        rc = open_org(w, &a->orgs[a->n_orgs], "activity-id", 1);
        w->text[depth] = &a->orgs[a->n_orgs].direct;
        a->n_orgs++;
        break;
    case K_TITLE:
        sg_buf_free(&w->title_text);
        free(w->title_lang);
        w->title_lang = xml_lang(r);
        w->text[depth] = &w->title_text;
        break;
    case K_COUNTRY: {
        char *code = attr(r, "code");
        if (!blank(code))
            rc = push_text(w->kinds[depth - 1] == K_TRANSACTION && w->tx ? &w->tx->countries
                                                                         : &a->countries,
                           code);
        free(code);
        break;
    }
    case K_DATE: {
        char *type = attr(r, "type"), *date = attr(r, "iso-date");
        static const struct {
            const char *type;
            int which;
        } dates[] = {{"1", D_PLANNED_START},
                     {"2", D_ACTUAL_START},
                     {"3", D_PLANNED_END},
                     {"4", D_ACTUAL_END},
                     {"start-planned", D_PLANNED_START},
                     {"start-actual", D_ACTUAL_START},
                     {"end-planned", D_PLANNED_END},
                     {"end-actual", D_ACTUAL_END},
                     {"start", D_PLANNED_START},
                     {"completion", D_PLANNED_END},
                     {"end", D_PLANNED_END}};
        for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
            if (word_is(type, dates[i].type) && year_of(date))
                a->year[dates[i].which] = year_of(date);
        free(type);
        free(date);
        break;
    }
    case K_TRANSACTION: {
        if ((rc = grow((void **)&a->txns, &a->cap_txns, a->n_txns, sizeof *a->txns)) != SG_OK)
            break;
        transaction *t = &a->txns[a->n_txns++];
        w->tx = t;
        t->line = node_line(r);
        t->type_attr = attr(r, "type");
        t->flow = attr(r, "flow");
        break;
    }
    case K_TX_TYPE:
        free(w->tx->type_code);
        w->tx->type_code = attr(r, "code");
        w->text[depth] = &w->tx->type_text;
        break;
    case K_TX_DATE:
        free(w->tx->date);
        w->tx->date = attr(r, "iso-date");
        break;
    case K_VALUE:
        free(w->tx->currency);
        free(w->tx->value_date);
        w->tx->currency = attr(r, "currency");
        w->tx->value_date = attr(r, "value-date");
        sg_buf_free(&w->tx->value);
        w->text[depth] = &w->tx->value;
        break;
    case K_PROVIDER:
    case K_RECEIVER: {
        org_elem *o = k == K_PROVIDER ? &w->tx->provider : &w->tx->receiver;
        if (o->present) {
            w->kinds[depth] = K_OTHER;
            break;
        }
        rc = open_org(w, o, k == K_PROVIDER ? "provider-activity-id" : "receiver-activity-id", 0);
        w->text[depth] = &o->direct;
        break;
    }
    case K_NARRATIVE:
        sg_buf_free(&w->narrative);
        sg_buf_putc(&w->narrative, ' '); /* so that an empty narrative has a buffer */
        free(w->narrative_lang);
        w->narrative_lang = xml_lang(r);
        w->text[depth] = &w->narrative;
        break;
    default:
        break;
    }
    return rc;
}

/* An element ends at `depth` (also called right after the start of an empty element). */
static int end_element(walker *w, builder *b, activity_fn on_activity, int depth) {
    kind k = w->kinds[depth];
    activity *a = &w->act;
    int rc = SG_OK;
    w->text[depth] = NULL;
    switch (k) {
    case K_NARRATIVE:
        if (depth > 0 && w->kinds[depth - 1] == K_TITLE)
            rc = push_narrative(&a->title, w->narrative_lang, w->narrative.data);
        else if (w->org)
            rc = push_narrative(&w->org->names, w->narrative_lang, w->narrative.data);
        break;
    case K_REPORTING:
    case K_PARTICIPATING:
    case K_PROVIDER:
    case K_RECEIVER:
        /* 1.0x: the name is the element's text. */
        if (w->org && w->org->names.count == 0)
            rc = push_narrative(&w->org->names, w->org->lang, w->org->direct.data);
        w->org = NULL;
        break;
    case K_TITLE:
        rc = push_narrative(&a->title, w->title_lang, w->title_text.data);
        break;
    case K_TRANSACTION:
        w->tx = NULL;
        break;
    case K_ACTIVITY:
        w->activities++;
        rc = on_activity(b, a);
        activity_free(a);
        break;
    default:
        break;
    }
    if (w->narrative.failed || w->title_text.failed)
        rc = SG_ENOMEM;
    return rc;
}

static void on_reader_error(void *arg, xmlErrorPtr e) {
    walker *w = arg;
    if (!e || e->level < XML_ERR_ERROR || w->error[0])
        return;
    snprintf(w->error, sizeof w->error, "%s", e->message ? e->message : "XML error");
    size_t n = strlen(w->error);
    while (n > 0 && (w->error[n - 1] == '\n' || w->error[n - 1] == ' '))
        w->error[--n] = '\0';
    w->error_line = e->line;
}

/* The bytes the streaming reader has not read yet. */
typedef struct {
    const char *data;
    size_t left;
} xml_source;

static int read_chunk(void *context, char *buffer, int len) {
    xml_source *s = context;
    size_t n = len > 0 && (size_t)len < s->left ? (size_t)len : s->left;
    memcpy(buffer, s->data, n);
    s->data += n;
    s->left -= n;
    return (int)n;
}

/* Walks the document, calling `on_activity` for each activity. Returns SG_OK, SG_EPARSE (the
 * error in `diag`), SG_ENOMEM, or what `on_activity` returned. */
static int walk(const char *data, size_t size, const char *name, builder *b,
                activity_fn on_activity, sg_diag *diag, long *activities) {
    walker w = {0};
    w.name = name;
    w.diag = diag;
    /* Never NOENT, DTDLOAD, DTDATTR or XINCLUDE: nothing outside the document is read, and
     * entities are never expanded. */
    /* Fed in chunks: xmlReaderForMemory would copy the whole file into the parser first. */
    xml_source src = {data, size};
    w.reader = xmlReaderForIO(read_chunk, NULL, &src, name, NULL,
                              XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
    if (!w.reader)
        return SG_ENOMEM;
    xmlTextReaderSetStructuredErrorHandler(w.reader, on_reader_error, &w);
    int rc = SG_OK, got = 0;
    while (rc == SG_OK && (got = xmlTextReaderRead(w.reader)) == 1) {
        int type = xmlTextReaderNodeType(w.reader);
        int depth = xmlTextReaderDepth(w.reader);
        if (depth < 0)
            continue;
        if (type == XML_READER_TYPE_ELEMENT) {
            if (depth >= MAX_DEPTH) {
                continue;
            }
            kind parent = depth == 0 ? K_WRAPPER : w.kinds[depth - 1];
            const xmlChar *uri = xmlTextReaderConstNamespaceUri(w.reader);
            const char *local = (const char *)xmlTextReaderConstLocalName(w.reader);
            kind k = uri || !local ? K_OTHER : classify(local, parent, depth);
            if (depth == 0 && k == K_OTHER) {
                sg_diag_add(diag, SG_ERROR, name, node_line(w.reader), 0,
                            "not an IATI activity file: the root element is <%s>, not "
                            "<iati-activities>%s",
                            local ? local : "?",
                            local && strcmp(local, "iati-organisations") == 0
                                ? " (this is an IATI organisation file)"
                                : "");
                rc = SG_EPARSE;
                break;
            }
            w.kinds[depth] = k;
            w.text[depth] = NULL;
            rc = start_element(&w, depth, k);
            if (rc == SG_OK && xmlTextReaderIsEmptyElement(w.reader))
                rc = end_element(&w, b, on_activity, depth);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (depth < MAX_DEPTH)
                rc = end_element(&w, b, on_activity, depth);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            if (depth > 0 && depth - 1 < MAX_DEPTH && w.text[depth - 1]) {
                sg_buf_puts(w.text[depth - 1], (const char *)xmlTextReaderConstValue(w.reader));
                if (w.text[depth - 1]->failed)
                    rc = SG_ENOMEM;
            }
        } else if (type == XML_READER_TYPE_ENTITY_REFERENCE ||
                   type == XML_READER_TYPE_DOCUMENT_TYPE) {
            /* Not reached after the prolog check; refused all the same. */
            sg_diag_add(diag, SG_ERROR, name, node_line(w.reader), 0,
                        "entity references and DOCTYPEs are not read");
            rc = SG_EPARSE;
        }
    }
    if (rc == SG_OK && (got < 0 || w.error[0])) {
        sg_diag_add(diag, SG_ERROR, name, w.error_line, 0, "not well-formed XML: %s",
                    w.error[0] ? w.error : "the XML parser failed");
        rc = SG_EPARSE;
    }
    *activities = w.activities;
    activity_free(&w.act);
    sg_buf_free(&w.narrative);
    sg_buf_free(&w.title_text);
    free(w.narrative_lang);
    free(w.title_lang);
    xmlFreeTextReader(w.reader);
    return rc;
}

/* ---- the prolog: refuse a DOCTYPE before anything else is parsed ----------------------------- */

typedef struct {
    long doctype_line; /* first: sg_xml_stop_at_doctype() writes it */
    int root_seen;
} prolog;

static void prolog_root(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                        int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    xmlParserCtxtPtr c = ctx;
    prolog *p = c->_private;
    p->root_seen = 1;
    xmlStopParser(c);
}

/* Parses up to the root element's start tag. A DOCTYPE stops the parse at its name, before its
 * internal subset (where entities would be declared) is read. */
static int check_prolog(const char *data, size_t size, const char *name, sg_diag *diag) {
    /* A push parser fed 4 KiB at a time: only the prolog is ever copied and parsed. */
    size_t done = size < 4 ? size : 4;
    xmlParserCtxtPtr c = xmlCreatePushParserCtxt(NULL, NULL, data, (int)done, name);
    if (!c)
        return SG_ENOMEM;
    prolog p = {0};
    c->_private = &p;
    c->sax->internalSubset = sg_xml_stop_at_doctype; /* into p.doctype_line, the first member */
    c->sax->startElementNs = prolog_root;
    c->sax->startElement = NULL;
    xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_BIG_LINES);
    while (!p.doctype_line && !p.root_seen && !c->disableSAX && c->wellFormed) {
        size_t n = size - done < 4096 ? size - done : 4096;
        xmlParseChunk(c, data + done, (int)n, done + n == size);
        done += n;
        if (done == size)
            break;
    }
    int rc = SG_OK;
    if (p.doctype_line) {
        sg_xml_doctype_error(diag, name, p.doctype_line, "IATI files have none: ");
        rc = SG_EPARSE;
    } else if (!p.root_seen) {
        const xmlError *e = xmlCtxtGetLastError(c);
        char msg[512];
        sg_xml_error_text(e, "no root element", msg, sizeof msg);
        sg_diag_add(diag, SG_ERROR, name, e ? e->line : 0, 0, "%s", msg);
        rc = SG_EPARSE;
    }
    if (c->myDoc)
        xmlFreeDoc(c->myDoc);
    c->myDoc = NULL;
    xmlFreeParserCtxt(c);
    return rc;
}

/* ---- building the graph --------------------------------------------------------------------- */

/* A warning counted over the file: how many, where the first was, and what it was. */
typedef struct {
    size_t count;
    long line;
    char example[160];
} tally;

static void tally_add(tally *t, long line, const char *example) {
    if (t->count++ == 0) {
        t->line = line;
        snprintf(t->example, sizeof t->example, "%s", example ? example : "");
    }
}

typedef struct {
    long last_activity; /* the last activity counted in `activities` */
    size_t activities;
    unsigned roles; /* bit per role */
    int label_in_lang;
    int name_keyed;  /* id made from the name: no identifier */
    int project;     /* an activity node */
    char *type_seen; /* the first OrganisationType as written */
} node_state;

typedef struct {
    size_t edge;
    int money;
    double sum, compensation; /* Neumaier's summation */
    int decimals;             /* the most decimals among the values */
    size_t transactions;
    size_t activities;
    long last_activity;
    char *unit; /* the currency of a money edge, else NULL */
} edge_state;

struct builder {
    const char *name;
    const sg_read_options *opts;
    sg_diag *diag;
    sg_graph *g;
    /* the index of the first pass */
    strmap refs;           /* organisation identifiers seen anywhere in the file */
    strmap activity_index; /* iati-identifier -> its reporting organisation (reporters[value]) */
    char **reporters;
    size_t n_reporters, cap_reporters;
    /* the graph */
    node_state *nodes;
    size_t cap_nodes;
    edge_state *edges;
    size_t n_edges, cap_edges;
    strmap edge_index; /* "source target relation unit" -> edges[value] */
    long seq;          /* activities used */
    long read;         /* activities read */
    char *reporter;    /* the reporting organisation of the activities used, if one */
    int several_reporters;
    tally unknown_role, org_without_name, no_provider, no_receiver, no_currency, bad_value,
        unknown_tx_type, unknown_org_type, type_conflict, ref_as_activity, activity_to_reporter,
        activity_prefix, party_unusable, negative, missing_value_name, no_identifier, same_name;
};

/* The organisation id of an element: its ref, else its first name normalised. NULL (with
 * `*rc` SG_OK) when it has neither. */
static char *org_key(const org_elem *o, int *name_keyed, int *rc) {
    *rc = SG_OK;
    *name_keyed = 0;
    char *key = NULL;
    if (!blank(o->ref)) {
        key = clean_text(o->ref, 0);
    } else if (first_name(o)) {
        key = clean_text(first_name(o), 1);
        *name_keyed = 1;
    } else {
        return NULL;
    }
    if (!key)
        *rc = SG_ENOMEM;
    return key;
}

/* Adds the ref of `o`, if it has one, to the identifiers of the file. */
static int index_ref(builder *b, const org_elem *o) {
    if (!o->present || blank(o->ref))
        return SG_OK;
    char *ref = clean_text(o->ref, 0);
    int rc = ref ? strmap_put(&b->refs, ref, 0) : SG_ENOMEM;
    free(ref);
    return rc;
}

/* First pass: organisation identifiers and activity identifiers. */
static int index_activity(builder *b, activity *a) {
    int rc = index_ref(b, &a->reporting);
    for (size_t i = 0; i < a->n_orgs && rc == SG_OK; i++)
        rc = index_ref(b, &a->orgs[i]);
    for (size_t i = 0; i < a->n_txns && rc == SG_OK; i++)
        if ((rc = index_ref(b, &a->txns[i].provider)) == SG_OK)
            rc = index_ref(b, &a->txns[i].receiver);
    char *id = rc == SG_OK ? clean_text(a->identifier.data, 0) : NULL;
    if (rc == SG_OK && !id)
        rc = SG_ENOMEM;
    if (rc == SG_OK && *id && !strmap_get(&b->activity_index, id, NULL)) {
        int named;
        char *reporter = a->reporting.present ? org_key(&a->reporting, &named, &rc) : NULL;
        if (rc == SG_OK)
            rc = grow((void **)&b->reporters, &b->cap_reporters, b->n_reporters,
                      sizeof *b->reporters);
        if (rc == SG_OK) {
            b->reporters[b->n_reporters] = reporter;
            rc = strmap_put(&b->activity_index, id, b->n_reporters++);
        } else {
            free(reporter);
        }
    }
    free(id);
    return rc;
}

static int grow_nodes(builder *b) {
    size_t n = sg_graph_node_count(b->g);
    return grow((void **)&b->nodes, &b->cap_nodes, n, sizeof *b->nodes);
}

/* The node with id `key`, made from element `o` (may be NULL) when new; a known node takes the
 * label in --lang and the type that it lacked. Counts activity `b->seq` for it. */
static int get_node(builder *b, const char *key, const org_elem *o, int name_keyed, size_t *index) {
    int rc = SG_OK;
    size_t i;
    int is_new = !sg_graph_find_node(b->g, key, &i);
    if (is_new) {
        if ((rc = grow_nodes(b)) != SG_OK || (rc = sg_graph_add_node(b->g, key, &i)) != SG_OK)
            return rc;
        memset(&b->nodes[i], 0, sizeof b->nodes[i]);
        b->nodes[i].name_keyed = name_keyed;
    }
    node_state *s = &b->nodes[i];
    if (o) {
        int matched;
        const char *label = pick_label(&o->names, b->opts->lang, &matched);
        if (label && (is_new || !sg_graph_attr(b->g, SG_ON_NODE, i, "label") ||
                      (matched && !s->label_in_lang))) {
            rc = sg_graph_set_attr(b->g, SG_ON_NODE, i, "label", label);
            s->label_in_lang = matched;
            static const char *const missing[] = {"nan", "null", "none", "n/a", "na"};
            for (size_t k = 0; is_new && k < sizeof missing / sizeof missing[0]; k++)
                if (sg_ascii_casecmp(label, missing[k]) == 0)
                    tally_add(&b->missing_value_name, o->line, label);
        }
        if (rc == SG_OK && !blank(o->type)) {
            char *type = clean_text(o->type, 0);
            if (!type)
                return SG_ENOMEM;
            const char *words = org_type_words(type);
            if (!s->type_seen) {
                if (!words) {
                    tally_add(&b->unknown_org_type, o->line, type);
                    for (char *c = type; *c; c++)
                        if (*c >= 'A' && *c <= 'Z')
                            *c = (char)(*c - 'A' + 'a');
                }
                rc = sg_graph_set_attr(b->g, SG_ON_NODE, i, "type", words ? words : type);
                s->type_seen = type;
                type = NULL;
            } else if (sg_ascii_casecmp(s->type_seen, type) != 0 &&
                       !(words && org_type_words(s->type_seen) == words)) {
                char example[160];
                snprintf(example, sizeof example, "%s: %s, then %s", key, s->type_seen, type);
                tally_add(&b->type_conflict, o->line, example);
            }
            free(type);
        }
    }
    if (s->last_activity != b->seq) {
        s->last_activity = b->seq;
        s->activities++;
    }
    *index = i;
    return rc;
}

/* The activity node of `a` (--activity-nodes). */
static int activity_node(builder *b, const activity *a, size_t *index) {
    char *id = clean_text(a->identifier.data, 0);
    if (!id)
        return SG_ENOMEM;
    if (!*id) {
        free(id);
        char fallback[64];
        snprintf(fallback, sizeof fallback, "activity %ld", b->read);
        tally_add(&b->no_identifier, a->line, fallback);
        id = strdup(fallback);
        if (!id)
            return SG_ENOMEM;
    }
    int rc = SG_OK;
    size_t i;
    if (!sg_graph_find_node(b->g, id, &i)) {
        if ((rc = grow_nodes(b)) == SG_OK && (rc = sg_graph_add_node(b->g, id, &i)) == SG_OK) {
            memset(&b->nodes[i], 0, sizeof b->nodes[i]);
            b->nodes[i].project = 1;
            int matched;
            const char *label = pick_label(&a->title, b->opts->lang, &matched);
            if (label)
                rc = sg_graph_set_attr(b->g, SG_ON_NODE, i, "label", label);
            if (rc == SG_OK)
                rc = sg_graph_set_attr(b->g, SG_ON_NODE, i, "type", "project");
        }
    }
    if (rc == SG_OK && b->nodes[i].last_activity != b->seq) {
        b->nodes[i].last_activity = b->seq;
        b->nodes[i].activities++;
    }
    *index = i;
    free(id);
    return rc;
}

/* The edge source -> target with this relation (and currency for money), made when new. */
static int get_edge(builder *b, size_t source, size_t target, const char *relation,
                    const char *unit, edge_state **out) {
    sg_buf key = {0};
    sg_buf_printf(&key, "%zu\x1f%zu\x1f%s\x1f%s", source, target, relation, unit ? unit : "");
    if (key.failed)
        return SG_ENOMEM;
    size_t k;
    int rc = SG_OK;
    if (!strmap_get(&b->edge_index, key.data, &k)) {
        size_t e;
        if ((rc = grow((void **)&b->edges, &b->cap_edges, b->n_edges, sizeof *b->edges)) == SG_OK &&
            (rc = sg_graph_add_edge(b->g, source, target, &e)) == SG_OK &&
            (rc = sg_graph_set_attr(b->g, SG_ON_EDGE, e, "relation", relation)) == SG_OK &&
            (rc = strmap_put(&b->edge_index, key.data, b->n_edges)) == SG_OK) {
            k = b->n_edges++;
            memset(&b->edges[k], 0, sizeof b->edges[k]);
            b->edges[k].edge = e;
            b->edges[k].money = unit != NULL;
            if (unit && !(b->edges[k].unit = strdup(unit)))
                rc = SG_ENOMEM;
        }
    }
    sg_buf_free(&key);
    if (rc == SG_OK) {
        *out = &b->edges[k];
        if ((*out)->last_activity != b->seq) {
            (*out)->last_activity = b->seq;
            (*out)->activities++;
        }
    }
    return rc;
}

/* A provider or receiver as found, before its node is made. */
typedef struct {
    char *key;            /* the node id; NULL when nothing names an organisation */
    const org_elem *from; /* the element whose names label a new node; may be NULL */
    int named;            /* the key is a name, not an identifier */
    int project;          /* the key is an activity's node (--activity-nodes) */
    tally *why;           /* the interpretation made, counted when the party is used */
    long line;
    char *act; /* the activity id as written, cleaned */
} party;

/*
 * The node of a provider-org or receiver-org, in this order: @ref; else its
 * provider-/receiver-activity-id when that is an organisation identifier of the file (USAID
 * writes them so); else the activity of that identifier in the file (its node with
 * --activity-nodes, otherwise its reporting organisation); else the organisation of the file
 * whose identifier begins it (an activity identifier begins with its reporting organisation's
 * identifier: IATI 2.03, iati-identifier); else the name. Sets `*found` to 0 when nothing names
 * an organisation.
 */
static int resolve_party(builder *b, const org_elem *o, party *p) {
    memset(p, 0, sizeof *p);
    p->from = o;
    p->line = o->line;
    int rc = SG_OK;
    char *act = blank(o->activity_id) ? NULL : clean_text(o->activity_id, 0);
    if (!blank(o->activity_id) && !act)
        return SG_ENOMEM;
    size_t k;
    if (!blank(o->ref)) {
        p->key = org_key(o, &p->named, &rc);
    } else if (act && strmap_get(&b->refs, act, NULL)) {
        p->key = strdup(act);
        p->why = &b->ref_as_activity;
    } else if (act && strmap_get(&b->activity_index, act, &k) &&
               (b->opts->activity_nodes || b->reporters[k])) {
        if (b->opts->activity_nodes) {
            p->key = strdup(act);
            p->project = 1;
        } else {
            p->key = strdup(b->reporters[k]);
            p->why = &b->activity_to_reporter;
            p->from = NULL; /* its names are the receiving organisation's, not the reporter's */
        }
    } else {
        /* The longest identifier of the file that begins the activity id, before a '-'. */
        size_t best = 0;
        for (size_t n = act ? strlen(act) : 0; n > 1 && !best; n--) {
            if (act[n - 1] != '-')
                continue;
            act[n - 1] = '\0';
            if (strmap_get(&b->refs, act, NULL))
                best = n - 1;
            act[n - 1] = '-';
        }
        if (best) {
            p->key = strndup(act, best);
            p->why = &b->activity_prefix;
        } else {
            p->key = org_key(o, &p->named, &rc);
        }
    }
    if (rc == SG_OK && !p->key && (p->why || p->project))
        rc = SG_ENOMEM; /* a copy failed */
    if (rc == SG_OK && !p->key)
        tally_add(&b->party_unusable, o->line, act ? act : "");
    p->act = act;
    return rc;
}

/* The node of a resolved party, made when new; counts the interpretation that found it. */
static int commit_party(builder *b, party *p, size_t *index) {
    int rc = SG_OK;
    if (p->project) {
        size_t i;
        if (!sg_graph_find_node(b->g, p->key, &i)) {
            /* The activity's node; its label comes when the activity itself is read. */
            if ((rc = grow_nodes(b)) == SG_OK &&
                (rc = sg_graph_add_node(b->g, p->key, &i)) == SG_OK) {
                memset(&b->nodes[i], 0, sizeof b->nodes[i]);
                b->nodes[i].project = 1;
                rc = sg_graph_set_attr(b->g, SG_ON_NODE, i, "type", "project");
            }
        }
        *index = i;
    } else {
        rc = get_node(b, p->key, p->from, p->named, index);
    }
    if (rc == SG_OK && p->why)
        tally_add(p->why, p->line, p->act ? p->act : p->key);
    return rc;
}

static void party_free(party *p) {
    free(p->key);
    free(p->act);
}

/* 1 when `code` is among `l`, ASCII case folded. */
static int has_code(const str_list *l, const char *code) {
    for (size_t i = 0; i < l->count; i++)
        if (sg_ascii_casecmp(l->items[i], code) == 0)
            return 1;
    return 0;
}

/* Whether a transaction of an activity that passed the filters is used. */
static int transaction_passes(const builder *b, const activity *a, const transaction *t) {
    const sg_read_options *o = b->opts;
    if (o->country && *o->country) {
        if (t->countries.count ? !has_code(&t->countries, o->country)
                               : !has_code(&a->countries, o->country))
            return 0;
    }
    if (o->from_year || o->to_year) {
        int y = year_of(t->date);
        if (!y)
            y = year_of(t->value_date);
        if (y && ((o->from_year && y < o->from_year) || (o->to_year && y > o->to_year)))
            return 0;
    }
    return 1;
}

/* Whether the activity is used: --reporting-org, --country (its recipient-country, or one of
 * its transactions'), and --from-year/--to-year (its dates overlap the years). */
static int activity_passes(const builder *b, const activity *a) {
    const sg_read_options *o = b->opts;
    if (o->reporting_org && *o->reporting_org) {
        int ok = 0;
        if (a->reporting.present) {
            char *want = clean_text(o->reporting_org, 1);
            char *ref = clean_text(a->reporting.ref, 1);
            char *name = clean_text(first_name(&a->reporting), 1);
            ok = want && ((ref && *ref && strcmp(ref, want) == 0) ||
                          (name && *name && strcmp(name, want) == 0));
            free(want);
            free(ref);
            free(name);
        }
        if (!ok)
            return 0;
    }
    if (o->country && *o->country && !has_code(&a->countries, o->country)) {
        int any = 0;
        for (size_t i = 0; i < a->n_txns && !any; i++)
            any = has_code(&a->txns[i].countries, o->country);
        if (!any)
            return 0;
    }
    if (o->from_year || o->to_year) {
        int start = a->year[D_ACTUAL_START] ? a->year[D_ACTUAL_START] : a->year[D_PLANNED_START];
        int end = a->year[D_ACTUAL_END] ? a->year[D_ACTUAL_END] : a->year[D_PLANNED_END];
        if ((o->from_year && end && end < o->from_year) ||
            (o->to_year && start && start > o->to_year))
            return 0;
    }
    return 1;
}

/* Edges from the roles of one activity: Funding -> Extending -> Implementing -> Beneficiary,
 * each level to the next one present; relation by the target's level. With --activity-nodes:
 * funding, extending and accountable organisations -> the activity -> implementing and
 * beneficiary organisations. */
static int role_edges(builder *b, size_t *members[N_ROLES], size_t counts[N_ROLES], int has_node,
                      size_t project) {
    static const char *const into[N_ROLES] = {"funding", "accountable", "funding", "implementation",
                                              "beneficiary"};
    edge_state *e;
    int rc = SG_OK;
    if (has_node) {
        for (int r = 0; r < N_ROLES && rc == SG_OK; r++)
            for (size_t i = 0; i < counts[r] && rc == SG_OK; i++) {
                int out = r == ROLE_IMPLEMENTING || r == ROLE_BENEFICIARY;
                rc = out ? get_edge(b, project, members[r][i], into[r], NULL, &e)
                         : get_edge(b, members[r][i], project, role_words[r], NULL, &e);
            }
        return rc;
    }
    static const int chain[] = {ROLE_FUNDING, ROLE_EXTENDING, ROLE_IMPLEMENTING, ROLE_BENEFICIARY};
    int from = -1;
    for (size_t c = 0; c < sizeof chain / sizeof chain[0] && rc == SG_OK; c++) {
        int to = chain[c];
        if (!counts[to])
            continue;
        for (size_t i = 0; from >= 0 && i < counts[from] && rc == SG_OK; i++)
            for (size_t j = 0; j < counts[to] && rc == SG_OK; j++)
                if (members[from][i] != members[to][j])
                    rc = get_edge(b, members[from][i], members[to][j], into[to], NULL, &e);
        from = to;
    }
    return rc;
}

/* The number of decimals written in a value ("3839.00": 2); 6 for an exponent. */
static int decimals_of(const char *s) {
    if (strpbrk(s, "eE"))
        return 6;
    const char *dot = strchr(s, '.');
    int n = 0;
    for (const char *p = dot ? dot + 1 : s + strlen(s); *p >= '0' && *p <= '9'; p++)
        n++;
    return n > 9 ? 9 : n;
}

static int add_transaction(builder *b, const activity *a, const transaction *t, int has_node,
                           size_t activity_index) {
    int type = transaction_type(t);
    if (type < 0) {
        const char *given = !blank(t->type_code)        ? t->type_code
                            : !blank(t->type_text.data) ? t->type_text.data
                            : !blank(t->type_attr)      ? t->type_attr
                                                        : "(none)";
        tally_add(&b->unknown_tx_type, t->line, given);
        return SG_OK;
    }
    char *value = clean_text(t->value.data, 0);
    if (!value)
        return SG_ENOMEM;
    double v;
    if (!*value || sg_parse_number(value, &v) != 0) {
        tally_add(&b->bad_value, t->line, *value ? value : "(none)");
        free(value);
        return SG_OK;
    }
    int decimals = decimals_of(value);
    free(value);
    const char *cur = !blank(t->currency) ? t->currency : a->default_currency;
    if (blank(cur)) {
        tally_add(&b->no_currency, t->line, "");
        return SG_OK;
    }
    char *unit = clean_text(cur, 0);
    if (!unit)
        return SG_ENOMEM;
    for (char *c = unit; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');

    int flow = tx_types[type].flow, rc = SG_OK;
    size_t source = activity_index, target = activity_index;
    int source_is_activity = has_node && flow == FLOW_OUT;
    int target_is_activity = has_node && flow == FLOW_IN;
    party from = {0}, to = {0};
    if (!source_is_activity && t->provider.present)
        rc = resolve_party(b, &t->provider, &from);
    if (rc == SG_OK && !target_is_activity && t->receiver.present)
        rc = resolve_party(b, &t->receiver, &to);
    /* IATI's rule: the reporting organisation provides what goes out and receives what comes
     * in, where the transaction names no provider (receiver). */
    party *implied = flow == FLOW_OUT && !source_is_activity  ? &from
                     : flow == FLOW_IN && !target_is_activity ? &to
                                                              : NULL;
    if (rc == SG_OK && implied && !implied->key && a->reporting.present) {
        party_free(implied);
        memset(implied, 0, sizeof *implied);
        implied->from = &a->reporting;
        implied->line = a->reporting.line;
        implied->key = org_key(&a->reporting, &implied->named, &rc);
    }
    int have_source = source_is_activity || from.key;
    int have_target = target_is_activity || to.key;
    if (rc == SG_OK && !have_source)
        tally_add(&b->no_provider, t->line, tx_types[type].word);
    else if (rc == SG_OK && !have_target)
        tally_add(&b->no_receiver, t->line, tx_types[type].word);
    if (rc == SG_OK && have_source && !source_is_activity)
        rc = have_target ? commit_party(b, &from, &source) : SG_OK;
    if (rc == SG_OK && have_source && have_target && !target_is_activity)
        rc = commit_party(b, &to, &target);
    party_free(&from);
    party_free(&to);
    if (rc == SG_OK && have_source && have_target) {
        edge_state *e;
        rc = get_edge(b, source, target, tx_types[type].word, unit, &e);
        if (rc == SG_OK) {
            double sum = e->sum + v;
            if (fabs(e->sum) >= fabs(v))
                e->compensation += (e->sum - sum) + v;
            else
                e->compensation += (v - sum) + e->sum;
            e->sum = sum;
            if (decimals > e->decimals)
                e->decimals = decimals;
            e->transactions++;
        }
    }
    free(unit);
    return rc;
}

/* Second pass: one activity into the graph. */
static int build_activity(builder *b, activity *a) {
    b->read++;
    if (!activity_passes(b, a))
        return SG_OK;
    b->seq++;
    int rc = SG_OK, named;
    if (a->reporting.present) {
        char *key = org_key(&a->reporting, &named, &rc);
        if (key && !b->reporter && !b->several_reporters)
            b->reporter = key;
        else if (key && b->reporter && strcmp(key, b->reporter) != 0)
            b->several_reporters = 1;
        if (key != b->reporter)
            free(key);
    }
    size_t act = 0;
    int has_node = b->opts->activity_nodes;
    if (rc == SG_OK && has_node)
        rc = activity_node(b, a, &act);

    size_t *members[N_ROLES] = {0}, counts[N_ROLES] = {0};
    for (int r = 0; r < N_ROLES && rc == SG_OK; r++)
        if (!(members[r] = malloc((a->n_orgs ? a->n_orgs : 1) * sizeof *members[r])))
            rc = SG_ENOMEM;
    for (size_t i = 0; i < a->n_orgs && rc == SG_OK; i++) {
        const org_elem *o = &a->orgs[i];
        char *key = org_key(o, &named, &rc);
        if (!key) {
            if (rc == SG_OK)
                tally_add(&b->org_without_name, o->line, o->role ? o->role : "");
            continue;
        }
        size_t node;
        rc = get_node(b, key, o, named, &node);
        free(key);
        if (rc != SG_OK)
            break;
        int role = parse_role(o->role);
        if (role < 0) {
            tally_add(&b->unknown_role, o->line, o->role ? o->role : "(none)");
            continue;
        }
        b->nodes[node].roles |= 1u << role;
        size_t k = 0;
        while (k < counts[role] && members[role][k] != node)
            k++;
        if (k == counts[role])
            members[role][counts[role]++] = node;
    }
    if (rc == SG_OK)
        rc = role_edges(b, members, counts, has_node, act);
    for (int r = 0; r < N_ROLES; r++)
        free(members[r]);
    for (size_t i = 0; i < a->n_txns && rc == SG_OK; i++)
        if (transaction_passes(b, a, &a->txns[i]))
            rc = add_transaction(b, a, &a->txns[i], has_node, act);
    return rc;
}

/* The amount in C-locale text, rounded to `decimals`, without trailing zeros. */
static int set_amount(sg_graph *g, size_t edge, const char *attr_name, double v, int decimals) {
    sg_buf text = {0};
    sg_buf_printf(&text, "%.*f", decimals, v);
    if (text.failed)
        return SG_ENOMEM;
    if (strchr(text.data, '.')) {
        while (text.len > 0 && text.data[text.len - 1] == '0')
            text.data[--text.len] = '\0';
        if (text.len > 0 && text.data[text.len - 1] == '.')
            text.data[--text.len] = '\0';
    }
    int rc = sg_graph_set_attr(g, SG_ON_EDGE, edge, attr_name,
                               strcmp(text.data, "-0") == 0 ? "0" : text.data);
    sg_buf_free(&text);
    return rc;
}

static int set_count(sg_graph *g, sg_object on, size_t index, const char *attr_name, size_t n) {
    char text[32];
    snprintf(text, sizeof text, "%zu", n);
    return sg_graph_set_attr(g, on, index, attr_name, text);
}

/* Names the values of `relation`-like attribute counts: "EUR: 1 edge, USD: 3 edges". Returns
 * the number of distinct values. */
static size_t list_values(const builder *b, int money, const char *attr_name, sg_buf *out) {
    strmap seen = {0};
    size_t distinct = 0;
    for (size_t i = 0; i < b->n_edges; i++) {
        if (b->edges[i].money != money)
            continue;
        const char *v = sg_graph_attr(b->g, SG_ON_EDGE, b->edges[i].edge, attr_name);
        if (!v || strmap_get(&seen, v, NULL))
            continue;
        if (strmap_put(&seen, v, 0) != SG_OK)
            break;
        size_t n = 0;
        for (size_t j = i; j < b->n_edges; j++) {
            const char *w = sg_graph_attr(b->g, SG_ON_EDGE, b->edges[j].edge, attr_name);
            n += b->edges[j].money == money && w && strcmp(v, w) == 0;
        }
        sg_buf_printf(out, "%s%s: %zu edge%s", distinct ? ", " : "", v, n, n == 1 ? "" : "s");
        distinct++;
    }
    strmap_free(&seen);
    return distinct;
}

/* One warning for a tally: FMT takes the count, the first example and HINT. */
#define WARN(b, t, FMT, HINT)                                                                      \
    do {                                                                                           \
        if ((t)->count)                                                                            \
            sg_diag_add((b)->diag, SG_WARNING, (b)->name, (t)->line, 0, FMT, (t)->count,           \
                        (t)->example, HINT);                                                       \
    } while (0)

static int finish(builder *b) {
    int rc = SG_OK;
    sg_graph *g = b->g;
    for (size_t i = 0; i < b->n_edges && rc == SG_OK; i++) {
        edge_state *e = &b->edges[i];
        if (!e->money) {
            rc = set_count(g, SG_ON_EDGE, e->edge, "activities", e->activities);
            continue;
        }
        double total = e->sum + e->compensation;
        if (total < 0)
            tally_add(&b->negative, 0, "");
        rc = set_amount(g, e->edge, total < 0 ? "net_value" : "weight", total, e->decimals);
        if (rc == SG_OK)
            rc = sg_graph_set_attr(g, SG_ON_EDGE, e->edge, "unit", e->unit);
        if (rc == SG_OK)
            rc = set_count(g, SG_ON_EDGE, e->edge, "transactions", e->transactions);
    }
    /* Labels of the organisations with an identifier, to find name-keyed twins. */
    strmap labels = {0};
    for (size_t i = 0; i < sg_graph_node_count(g) && rc == SG_OK; i++) {
        node_state *s = &b->nodes[i];
        rc = set_count(g, SG_ON_NODE, i, "activities", s->activities);
        if (rc == SG_OK && s->roles) {
            sg_buf roles = {0};
            for (int r = 0; r < N_ROLES; r++)
                if (s->roles & (1u << r))
                    sg_buf_printf(&roles, "%s%s", roles.len ? "," : "", role_words[r]);
            rc =
                roles.failed ? SG_ENOMEM : sg_graph_set_attr(g, SG_ON_NODE, i, "roles", roles.data);
            sg_buf_free(&roles);
        }
        if (rc == SG_OK && !s->name_keyed && !s->project) {
            char *label = clean_text(sg_graph_node_label(g, i), 1);
            rc = label ? strmap_put(&labels, label, i) : SG_ENOMEM;
            free(label);
        }
    }
    /* A name-keyed organisation with the name of an identified one: two nodes, said once. */
    for (size_t i = 0; i < sg_graph_node_count(g) && rc == SG_OK; i++) {
        size_t j;
        if (b->nodes[i].name_keyed && strmap_get(&labels, sg_graph_node_id(g, i), &j)) {
            char example[160];
            snprintf(example, sizeof example, "'%s' and %s", sg_graph_node_label(g, i),
                     sg_graph_node_id(g, j));
            tally_add(&b->same_name, 0, example);
        }
    }
    strmap_free(&labels);
    return rc;
}

static void report(builder *b) {
    WARN(b, &b->unknown_role,
         "participating-org elements with an unknown or missing role: %zu (first: '%s'): kept "
         "as nodes without role edges%s",
         " (roles: 1-4, or Funding, Accountable, Extending, Implementing; donor, beneficiary)");
    WARN(b, &b->org_without_name,
         "participating-org elements with neither ref nor name: %zu (first with role '%s'): "
         "left out%s",
         "");
    WARN(b, &b->unknown_tx_type,
         "transactions of an unknown or missing type: %zu (first: '%s'): left out%s", "");
    WARN(b, &b->bad_value, "transactions without a numeric value: %zu (first: '%s'): left out%s",
         "");
    WARN(b, &b->no_currency,
         "transaction values without a currency (no value/@currency and no default-currency): "
         "%zu%s: left out%s",
         "");
    WARN(b, &b->no_provider,
         "transactions without a provider (no usable provider-org, and IATI's rule gives "
         "none): %zu (first: %s): left out%s",
         "");
    WARN(b, &b->no_receiver,
         "transactions without a receiver (no usable receiver-org, and IATI's rule gives "
         "none): %zu (first: %s): left out%s",
         "");
    WARN(b, &b->party_unusable,
         "provider-org or receiver-org elements that name no organisation (no ref, no name, "
         "no known activity id): %zu (first activity id: '%s')%s",
         "");
    WARN(b, &b->ref_as_activity,
         "provider-org or receiver-org elements with no ref and an organisation identifier as "
         "their activity id: %zu (first: '%s'): read as that organisation%s",
         "");
    WARN(b, &b->activity_to_reporter,
         "provider-org or receiver-org elements with no ref that name an activity of this "
         "file: %zu (first: '%s'): read as that activity's reporting organisation%s",
         " (--activity-nodes links the activity itself)");
    WARN(b, &b->activity_prefix,
         "provider-org or receiver-org elements with no ref that name an activity outside this "
         "file: %zu (first: '%s'): read as the organisation whose identifier begins it%s",
         "");
    WARN(b, &b->unknown_org_type,
         "organisations with an unknown OrganisationType code: %zu (first: '%s'): kept as "
         "written%s",
         "");
    WARN(b, &b->type_conflict,
         "organisation types that differ from the type seen first: %zu (first: %s): the first "
         "is kept%s",
         "");
    WARN(b, &b->missing_value_name,
         "organisations named like a missing value: %zu (first: '%s'): kept as named in the "
         "file%s",
         "");
    WARN(b, &b->same_name,
         "organisations without identifier that share the name of one with an identifier: %zu "
         "(first: %s): they stay separate nodes%s",
         "");
    WARN(b, &b->no_identifier,
         "activities without iati-identifier: %zu (first named '%s' in the graph)%s", "");
    if (b->negative.count)
        sg_diag_add(b->diag, SG_WARNING, b->name, 0, 0,
                    "transaction edges whose values sum below 0 (corrections larger than what "
                    "the file reports): %zu: kept without weight, the sum in `net_value`",
                    b->negative.count);
    sg_buf list = {0};
    if (list_values(b, 1, "unit", &list) > 1)
        sg_diag_add(b->diag, SG_WARNING, b->name, 0, 0,
                    "amounts in several currencies (%s): never converted, and never added on "
                    "one edge; the analysis uses one currency's amounts (--unit CODE)",
                    list.data);
    sg_buf_free(&list);
    if (list_values(b, 1, "relation", &list) > 1)
        sg_diag_add(b->diag, SG_WARNING, b->name, 0, 0,
                    "transaction edges of several types (%s): strength adds them; "
                    "use --relation (for example --relation disbursement) to analyse one",
                    list.data);
    sg_buf_free(&list);
}

/* The graph's title: "<reporting organisation>: N IATI activities". */
static int set_title(builder *b) {
    sg_buf t = {0};
    size_t i;
    if (b->reporter && !b->several_reporters && sg_graph_find_node(b->g, b->reporter, &i))
        sg_buf_printf(&t, "%s: ", sg_graph_node_label(b->g, i));
    sg_buf_printf(&t, "%ld IATI activit%s", b->seq, b->seq == 1 ? "y" : "ies");
    const sg_read_options *o = b->opts;
    if (o->country && *o->country)
        sg_buf_printf(&t, ", %s", o->country);
    if (o->from_year || o->to_year) {
        sg_buf_puts(&t, ", ");
        if (o->from_year)
            sg_buf_printf(&t, "%d", o->from_year);
        sg_buf_puts(&t, "-");
        if (o->to_year)
            sg_buf_printf(&t, "%d", o->to_year);
    }
    int rc = t.failed ? SG_ENOMEM : sg_graph_set_attr(b->g, SG_ON_GRAPH, 0, "label", t.data);
    sg_buf_free(&t);
    return rc;
}

int sg_read_iati(const char *data, size_t size, const char *name, const sg_read_options *opts,
                 sg_graph **out, sg_diag *diag) {
    *out = NULL;
    if (sg_xml_check_size(size, name, diag) != SG_OK)
        return SG_EINVAL;
    sg_read_options none = {0};
    if (!opts)
        opts = &none;
    if ((opts->from_year && opts->to_year && opts->from_year > opts->to_year)) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "--from-year %d is after --to-year %d",
                    opts->from_year, opts->to_year);
        return SG_EINVAL;
    }
    sg_xml_guard guard;
    sg_xml_guard_begin(&guard);

    builder b = {0};
    b.name = name;
    b.opts = opts;
    b.diag = diag;
    long activities = 0;
    int rc = check_prolog(data, size, name, diag);
    if (rc == SG_OK)
        rc = walk(data, size, name, &b, index_activity, diag, &activities);
    if (rc == SG_OK && !(b.g = sg_graph_new(1)))
        rc = SG_ENOMEM;
    if (rc == SG_OK)
        rc = walk(data, size, name, &b, build_activity, diag, &activities);
    if (rc == SG_OK)
        rc = finish(&b);
    if (rc == SG_OK)
        rc = set_title(&b);
    if (rc == SG_OK) {
        report(&b);
        if (activities == 0)
            sg_diag_add(diag, SG_WARNING, name, 0, 0, "no iati-activity in the file");
        else if (b.seq == 0)
            sg_diag_add(diag, SG_WARNING, name, 0, 0,
                        "none of the %ld activities matches the filters (--country, "
                        "--from-year, --to-year, --reporting-org)",
                        activities);
        *out = b.g;
        b.g = NULL;
    }
    if (rc == SG_ENOMEM)
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "out of memory");
    sg_graph_free(b.g);
    for (size_t i = 0; i < b.cap_nodes; i++) /* grow() zeroes the slots not yet used */
        free(b.nodes[i].type_seen);
    free(b.nodes);
    for (size_t i = 0; i < b.n_edges; i++)
        free(b.edges[i].unit);
    free(b.edges);
    for (size_t i = 0; i < b.n_reporters; i++)
        free(b.reporters[i]);
    free(b.reporters);
    free(b.reporter);
    strmap_free(&b.refs);
    strmap_free(&b.activity_index);
    strmap_free(&b.edge_index);
    sg_xml_guard_end(&guard);
    return rc;
}
