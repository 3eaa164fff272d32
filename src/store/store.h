/* The storage interface: what the rest of samskap may ask of the database.
 * One file per concept implements it (users.c, sessions.c, posts.c ...),
 * over the engine-neutral connection in db.h, so the same code serves
 * SQLite and PostgreSQL.
 *
 * Every function returns enum db_rc (DB_OK, DB_NOTFOUND, DB_CONSTRAINT,
 * DB_RETRY, DB_ERR).  Objects returned through pointers are allocated
 * from the arena the caller passes and live as long as it. */
#ifndef SAMSKAP_STORE_H
#define SAMSKAP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/claim.h"
#include "domain/idea.h"
#include "domain/meeting.h"
#include "domain/org.h"
#include "domain/post.h"
#include "domain/project.h"
#include "domain/user.h"
#include "store/db.h"
#include "util/mem.h"

/* ---- migrations (migrate.c) ---- */
enum db_rc store_migrate(db *d, int *applied);
/* Latest migration version known to this binary and applied to d. */
int store_schema_version(db *d);

/* ---- settings (settings.c) ---- */
enum db_rc store_setting_get(db *d, arena *a, const char *key, char **value);
/* Inserts unless the key exists; never overwrites. */
enum db_rc store_setting_init(db *d, const char *key, const char *value);

/* ---- users and roles (users.c) ---- */
struct user_new {
    const char *email;          /* lower-cased by the caller */
    const char *name;
    const char *password_hash;
    int64_t birth_year;         /* 0 when not given */
    int64_t now;
};
enum db_rc store_user_create(db *d, const struct user_new *u, int64_t *id);
/* The user and their password hash, by e-mail.  DB_NOTFOUND when none. */
enum db_rc store_user_by_email(db *d, arena *a, const char *email, struct user **u,
                               char **password_hash);
enum db_rc store_user_by_id(db *d, arena *a, int64_t id, struct user **u, char **password_hash);
enum db_rc store_user_set_password(db *d, int64_t id, const char *hash);
enum db_rc store_user_roles(db *d, int64_t id, unsigned *roles);
enum db_rc store_role_grant(db *d, int64_t user_id, enum role role, int64_t by, int64_t now);
/* Revoking the representative role also ends the person's memberships
 * (a representative is someone in org_representatives, with the role);
 * revoking the last administrator's role is DB_CONSTRAINT. */
enum db_rc store_role_revoke(db *d, int64_t user_id, enum role role);
/* Users ordered by name, with roles; filter by a folded substring of name
 * or e-mail when q is not NULL. */
enum db_rc store_users_list(db *d, arena *a, const char *q, int64_t offset, int64_t limit,
                            struct user **list, size_t *n, int64_t *total);
/* Everyone who has a role (for notifying all coordinators). */
enum db_rc store_users_with_role(db *d, arena *a, enum role role, struct user **list, size_t *n);
/* Erases a person: their account, sessions and roles; their comments keep
 * no e-mail.  (The person's right to be forgotten.)  DB_CONSTRAINT for the
 * last administrator: someone must be left to run the site. */
enum db_rc store_user_erase(db *d, int64_t id);

/* ---- sessions (sessions.c) ---- */
enum { SESSION_LIFETIME = 30 * 24 * 3600 };
enum db_rc store_session_create(db *d, const char *token_hash, int64_t user_id, int64_t now);
/* The signed-in user of a live session, with roles. */
enum db_rc store_session_user(db *d, arena *a, const char *token_hash, int64_t now,
                              struct user **u);
enum db_rc store_session_delete(db *d, const char *token_hash);
/* Signs a user out everywhere except the session except_hash (may be NULL). */
enum db_rc store_sessions_delete_user(db *d, int64_t user_id, const char *except_hash);
enum db_rc store_sessions_purge(db *d, int64_t now);

/* ---- rate limits (ratelimit.c): fixed windows per bucket ---- */
/* Counts one event; *hits is the count in the current window. */
enum db_rc store_rate_hit(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits);
/* Reads the count without counting. */
enum db_rc store_rate_peek(db *d, const char *bucket, int64_t now, int64_t window, int64_t *hits);
enum db_rc store_rate_clear(db *d, const char *bucket);
/* Atomic check-and-take: one attempt when fewer than max were taken in the
 * window (DB_OK, *hits the new count), else DB_NOTFOUND and nothing taken. */
enum db_rc store_rate_take(db *d, const char *bucket, int64_t now, int64_t window, int64_t max,
                           int64_t *hits);
enum db_rc store_rate_give_back(db *d, const char *bucket);

/* ---- one-time form keys (nonces.c): a form submitted twice acts once ---- */
/* DB_OK the first time a key is used, DB_CONSTRAINT after that. */
enum db_rc store_nonce_use(db *d, const char *nonce, int64_t now);

/* ---- audit log (audit.c): every administrative action ---- */
struct audit_entry {
    int64_t at;
    const char *actor_name;
    const char *action;
    const char *subject;
    const char *detail;
};
enum db_rc store_audit(db *d, int64_t now, int64_t actor_id, const char *action,
                       const char *subject, const char *detail);
enum db_rc store_audit_list(db *d, arena *a, int64_t offset, int64_t limit,
                            struct audit_entry **list, size_t *n);

/* ---- organisations (orgs.c) ---- */
enum db_rc store_org_create(db *d, const struct org *o, int64_t now, int64_t *id);
enum db_rc store_org_update(db *d, const struct org *o, int64_t now);
enum db_rc store_org_by_slug(db *d, arena *a, const char *slug, struct org **o);
enum db_rc store_org_by_id(db *d, arena *a, int64_t id, struct org **o);
/* All organisations by name (the directory), optionally only one kind
 * (kind < 0: all) and matching a folded name substring. */
enum db_rc store_orgs_list(db *d, arena *a, int kind, const char *q, struct org **list,
                           size_t *n);
/* Member organisations of an umbrella. */
enum db_rc store_org_members(db *d, arena *a, int64_t parent_id, struct org **list, size_t *n);
enum db_rc store_org_add_rep(db *d, int64_t org_id, int64_t user_id);
enum db_rc store_org_remove_rep(db *d, int64_t org_id, int64_t user_id);
/* DB_OK when user represents the organisation, DB_NOTFOUND otherwise. */
enum db_rc store_org_is_rep(db *d, int64_t org_id, int64_t user_id);
enum db_rc store_org_reps(db *d, arena *a, int64_t org_id, struct user **list, size_t *n);
/* Organisations a user represents. */
enum db_rc store_user_orgs(db *d, arena *a, int64_t user_id, struct org **list, size_t *n);

/* ---- posts (posts.c) ---- */
enum db_rc store_post_create(db *d, const struct post *p, int64_t now, int64_t *id);
enum db_rc store_post_update(db *d, const struct post *p, int64_t now);
enum db_rc store_post_by_slug(db *d, arena *a, const char *slug, struct post **p);
/* Published posts, newest first; bodies only when with_body (feeds). */
enum db_rc store_posts_published(db *d, arena *a, int64_t offset, int64_t limit, bool with_body,
                                 struct post **list, size_t *n, int64_t *total);
/* Drafts, for writers. */
enum db_rc store_posts_drafts(db *d, arena *a, struct post **list, size_t *n);
/* True (DB_OK) when slug is free. */
enum db_rc store_post_slug_free(db *d, const char *slug);

/* ---- comments (comments.c) ---- */
enum db_rc store_comment_create(db *d, const struct comment *c, const char *client_hash,
                                int64_t user_id, int64_t now, int64_t *id);
/* Approved comments of a post, oldest first. */
enum db_rc store_comments_approved(db *d, arena *a, int64_t post_id, struct comment **list,
                                   size_t *n);
/* Comments waiting for moderation, oldest first, with their post. */
enum db_rc store_comments_pending(db *d, arena *a, struct comment **list, size_t *n);
/* Approves or rejects a pending comment; keeps the post's comment count.
 * DB_NOTFOUND when it is not pending (already moderated). */
enum db_rc store_comment_moderate(db *d, int64_t id, enum comment_status to, int64_t by,
                                  int64_t now);

/* ---- projects (projects.c) ---- */
/* Creates a project with its categories, criteria and contacts. */
enum db_rc store_project_create(db *d, const struct project *p, int64_t now, int64_t *id);
/* Updates texts, dates, budget, status, notes; replaces criteria and
 * contacts; renames categories in place and adds new ones.  The budget
 * may not drop below what is granted (DB_CONSTRAINT). */
enum db_rc store_project_update(db *d, const struct project *p, int64_t now);
/* The project with categories, criteria and contacts. */
enum db_rc store_project_by_slug(db *d, arena *a, const char *slug, struct project **p);
enum db_rc store_project_by_id(db *d, arena *a, int64_t id, struct project **p);
enum db_rc store_projects_list(db *d, arena *a, struct project **list, size_t *n);
/* DB_OK when a budget line uses the category, DB_NOTFOUND when none does. */
enum db_rc store_category_in_use(db *d, int64_t category_id);

/* ---- ideas (ideas.c) ---- */
/* Inserts an idea (status as given, normally draft) with its lines and
 * partners, and records who created it. */
enum db_rc store_idea_create(db *d, const struct idea *i, int64_t actor_id, int64_t now,
                             int64_t *id);
/* Replaces the texts, lines and partners of an idea that is still
 * editable (draft / needs changes): DB_NOTFOUND when it is not. */
enum db_rc store_idea_update(db *d, const struct idea *i, int64_t now);
/* The idea with project, organisation, lines (with category names) and
 * partners. */
enum db_rc store_idea_get(db *d, arena *a, int64_t id, struct idea **out);
/* One page of a project's public ideas, newest first; status < 0: all but
 * drafts.  *total from the kept counts, not by counting rows. */
enum db_rc store_ideas_list(db *d, arena *a, int64_t project_id, int status, int64_t offset,
                            int64_t limit, struct idea **list, size_t *n, int64_t *total);
/* A person's own ideas and those of the organisations they represent now
 * (as is_submitter in web/ideas.c). */
enum db_rc store_ideas_of_user(db *d, arena *a, int64_t user_id, struct idea **list, size_t *n);
/* Ideas waiting for coordinators: submitted or under review. */
enum db_rc store_ideas_to_assess(db *d, arena *a, struct idea **list, size_t *n);
/* Counts per status of a project's ideas (indexed by enum idea_status). */
enum db_rc store_idea_counts(db *d, int64_t project_id, int64_t counts[IDEA_STATUS_COUNT]);
/* Moves an idea from `from` to `to` and records it.  DB_NOTFOUND when the
 * idea is not in `from` any more (someone else acted first). */
enum db_rc store_idea_transition(db *d, int64_t id, enum idea_status from, enum idea_status to,
                                 int64_t actor_id, const char *actor_name, const char *note,
                                 int64_t now);
/* A decision on an idea under review: approved (with granted amounts per
 * line, in the same order as i->lines), needs changes or declined, with a
 * message to the submitter.  Grants are checked against the project
 * budget atomically: DB_CONSTRAINT when they would exceed it;
 * DB_NOTFOUND when the idea is no longer under review. */
enum db_rc store_idea_decide(db *d, const struct idea *i, enum idea_status to,
                             const char *message, int64_t actor_id, const char *actor_name,
                             int64_t now);
enum db_rc store_idea_set_report(db *d, int64_t id, const char *report, int64_t now);
enum db_rc store_idea_set_notes(db *d, int64_t id, const char *notes, int64_t now);

struct idea_event {
    int64_t at;
    const char *actor_name;
    enum idea_status from, to;
    const char *note;
};
enum db_rc store_idea_events(db *d, arena *a, int64_t idea_id, struct idea_event **list,
                             size_t *n);

struct assessment {
    int64_t criterion_id;
    int64_t assessor_id;
    const char *assessor_name;
    bool met;
    const char *note;
    int64_t at;
};
/* Records (or replaces) one coordinator's judgement of one criterion. */
enum db_rc store_assessment_put(db *d, int64_t idea_id, const struct assessment *as);
enum db_rc store_assessments(db *d, arena *a, int64_t idea_id, struct assessment **list,
                             size_t *n);

/* ---- expense claims and the ledger (claims.c) ---- */
enum db_rc store_claim_create(db *d, const struct claim *c, const void *receipt, size_t len,
                              int64_t now, int64_t *id);
enum db_rc store_claims_of_idea(db *d, arena *a, int64_t idea_id, struct claim **list,
                                size_t *n);
/* Claims waiting for coordinators: submitted (to decide) and approved (to pay). */
enum db_rc store_claims_open(db *d, arena *a, struct claim **list, size_t *n);
enum db_rc store_claim_get(db *d, arena *a, int64_t id, struct claim **c);
enum db_rc store_claim_receipt(db *d, arena *a, int64_t id, const void **data, size_t *len);
/* Approve (the line's approved total may not exceed its grant:
 * DB_CONSTRAINT), reject, or mark paid.  DB_NOTFOUND when the claim is not
 * in a state that allows it (someone else acted first). */
enum db_rc store_claim_decide(db *d, int64_t id, enum claim_status to, const char *note,
                              int64_t actor_id, int64_t now);

struct ledger_row {
    int64_t category_id;
    const char *category;
    int64_t asked, granted, claimed, approved, paid;
};
/* Per category of the project: asked (ideas past draft), granted, claimed
 * (not rejected), approved (incl. paid), paid.  One row per category. */
enum db_rc store_ledger(db *d, arena *a, int64_t project_id, struct ledger_row **rows,
                        size_t *n);

/* ---- e-mail outbox (outbox.c) ---- */
struct mail {
    int64_t id;
    const char *to_email, *to_name, *subject, *body;
    int64_t attempts;
};
enum db_rc store_outbox_add(db *d, int64_t user_id, const char *to_email, const char *to_name,
                            const char *subject, const char *body, int64_t now);
/* Takes up to `limit` due messages and locks them for `lock` seconds, so
 * that another sender process does not send them too. */
enum db_rc store_outbox_take(db *d, arena *a, int64_t now, int64_t lock, int limit,
                             struct mail **list, size_t *n);
enum db_rc store_outbox_sent(db *d, int64_t id, int64_t now);
/* A failed attempt: retry at next_at, or give up when give_up. */
enum db_rc store_outbox_retry(db *d, int64_t id, int64_t next_at, bool give_up,
                              const char *error);
/* Messages not yet sent (for tests and the health of the sender). */
enum db_rc store_outbox_pending(db *d, int64_t *n);

/* ---- in-site notifications (notifications.c) ---- */
struct notification {
    int64_t id, at;
    const char *text, *link;
    bool read;
};
enum db_rc store_notify(db *d, int64_t user_id, const char *text, const char *link, int64_t now);
enum db_rc store_notifications(db *d, arena *a, int64_t user_id, int64_t limit,
                               struct notification **list, size_t *n);
enum db_rc store_notifications_unread(db *d, int64_t user_id, int64_t *n);
enum db_rc store_notifications_read(db *d, int64_t user_id, int64_t now);
/* Marks one of the person's notifications read and gives its link. */
enum db_rc store_notification_open(db *d, arena *a, int64_t user_id, int64_t id, int64_t now,
                                   const char **link);

/* ---- groups (groups.c) ---- */
enum db_rc store_group_create(db *d, const struct group *g, int64_t now, int64_t *id);
/* The group with its member organisations and people. */
enum db_rc store_group_by_slug(db *d, arena *a, const char *slug, struct group **g);
enum db_rc store_groups_list(db *d, arena *a, struct group **list, size_t *n);
enum db_rc store_group_add_org(db *d, int64_t group_id, int64_t org_id, const char *name);
enum db_rc store_group_add_person(db *d, int64_t group_id, const char *name, const char *title,
                                  const char *phone, bool contact);

struct suggestion {
    int64_t id;
    const char *name, *text;
    int64_t created_at;
};
enum db_rc store_suggestion_add(db *d, int64_t group_id, const char *name, const char *text,
                                const char *client_hash, int64_t now);
/* Suggestions in a status ("vantar", "godkand"), oldest first. */
enum db_rc store_suggestions(db *d, arena *a, int64_t group_id, const char *status,
                             struct suggestion **list, size_t *n);
/* DB_NOTFOUND when not waiting (already moderated) or not the group's. */
enum db_rc store_suggestion_moderate(db *d, int64_t group_id, int64_t id, bool approve,
                                     int64_t by);

/* ---- activities (activities.c) ---- */
enum db_rc store_activity_create(db *d, const struct activity *act, int64_t now, int64_t *id);
/* Replaces texts, counts, organisations and links. */
enum db_rc store_activity_update(db *d, const struct activity *act, int64_t now);
enum db_rc store_activity_get(db *d, arena *a, int64_t id, struct activity **act);
/* Activities by status (< 0: all), newest first, with organisations. */
enum db_rc store_activities_list(db *d, arena *a, int status, struct activity **list, size_t *n);
/* The activity made from an idea, if any. */
enum db_rc store_activity_of_idea(db *d, int64_t idea_id, int64_t *id);
enum db_rc store_activity_add_participant(db *d, int64_t activity_id, int64_t user_id);
enum db_rc store_activity_participants(db *d, arena *a, int64_t activity_id, struct user **list,
                                       size_t *n);

/* ---- meetings, agendas, minutes (meetings.c) ---- */
/* Creates a meeting and carries over missing reports from the meeting
 * before it. */
enum db_rc store_meeting_create(db *d, const struct meeting *m, int64_t now, int64_t *id);
enum db_rc store_meeting_update(db *d, const struct meeting *m, int64_t now);
/* The meeting with its agenda (items, the activities' organisations,
 * questions, where carried items came from), action items raised there,
 * open action items from earlier meetings, and attendance. */
enum db_rc store_meeting_get(db *d, arena *a, int64_t id, struct meeting **m);
/* A group's meetings in date order, without their agendas. */
enum db_rc store_meetings_of_group(db *d, arena *a, int64_t group_id, struct meeting **list,
                                   size_t *n);
/* Planned meetings on from_ymd or later, soonest first. */
enum db_rc store_meetings_planned(db *d, arena *a, const char *from_ymd, int64_t limit,
                                  struct meeting **list, size_t *n);
enum db_rc store_agenda_add(db *d, int64_t meeting_id, const struct agenda_item *item,
                            int64_t *id);
/* Removes an item (DB_NOTFOUND when it is not on that meeting). */
enum db_rc store_agenda_remove(db *d, int64_t meeting_id, int64_t item_id);
/* Moves an item one step up (-1) or down (+1) within its section. */
enum db_rc store_agenda_move(db *d, int64_t meeting_id, int64_t item_id, int delta);

struct minutes {
    int64_t expected_version;     /* the version the editor started from */
    const char *by;               /* who saves */
    size_t nitems;
    struct minutes_item {
        int64_t item_id;
        const char *text;
        bool report_missing;
        const char **questions;
        size_t nquestions;
    } *items;
    struct attendee *attendees;
    size_t nattendees;
};
/* Saves the minutes if nobody saved since expected_version (else
 * DB_CONSTRAINT: a conflict, nothing written), and carries items whose
 * report is missing onto the group's next meeting. */
enum db_rc store_minutes_save(db *d, int64_t meeting_id, const struct minutes *mi, int64_t now);
/* Sets the meeting's status (publishing stamps published_at). */
enum db_rc store_meeting_set_status(db *d, int64_t meeting_id, enum meeting_status to,
                                    int64_t now);
/* Ensures every report marked missing sits on the next meeting's agenda. */
enum db_rc store_carry_over(db *d, int64_t group_id);

enum db_rc store_action_add(db *d, int64_t meeting_id, const struct action_item *act,
                            int64_t now, int64_t *id);
/* Marks an open action item done at a meeting.  DB_NOTFOUND when not open. */
enum db_rc store_action_done(db *d, int64_t action_id, int64_t meeting_id, int64_t now);

/* Users to tell when a meeting's minutes are published: submitters of the
 * ideas behind its activities, representatives of the activities'
 * organisations, and the activities' participants; with the item id. */
struct recipient {
    int64_t user_id;
    int64_t item_id;
};
enum db_rc store_minutes_recipients(db *d, arena *a, int64_t meeting_id,
                                    struct recipient **list, size_t *n);

#endif
