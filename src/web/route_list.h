/* Every route table, one line each, in the order they are tried (a path
 * matches at most one pattern per method, so the order only groups them).
 * A page file declares `const struct route <name>[]`; a new page file adds
 * one line here, in its family's block.  Read by routes.c (X-macro; no include guard). */

/* site: front page, stylesheet, information pages, notifications */
ROUTES(home_routes)
ROUTES(static_routes)
ROUTES(info_routes)
ROUTES(account_routes)
ROUTES(my_data_routes)
ROUTES(org_request_routes)
ROUTES(admin_routes)
ROUTES(outbox_routes)
ROUTES(audit_log_routes)
/* organisations */
ROUTES(org_routes)
/* news and comment moderation */
ROUTES(post_routes)
ROUTES(digest_routes)
ROUTES(moderation_routes)
/* open calls: projects, ideas, assessment, claims (src/web/calls/) */
ROUTES(project_routes)
ROUTES(idea_list_routes)
ROUTES(idea_form_routes)
ROUTES(idea_page_routes)
ROUTES(assessment_routes)
ROUTES(claim_routes)
ROUTES(notification_routes)
/* the development group: group, meetings, agenda, minutes, activities (src/web/group/) */
ROUTES(group_routes)
ROUTES(meeting_page_routes)
ROUTES(meeting_form_routes)
ROUTES(agenda_routes)
ROUTES(minutes_routes)
ROUTES(activity_routes)
/* statistics and open data (src/web/stats/) */
ROUTES(stats_page_routes)
ROUTES(open_data_routes)
/* plain-language review: the group, the readability tool, sending, reviews, versions (src/web/klarsprak/) */
ROUTES(ks_group_routes)
ROUTES(ks_tool_routes)
ROUTES(ks_send_routes)
ROUTES(ks_queue_routes)
ROUTES(ks_review_routes)
ROUTES(ks_versions_routes)
ROUTES(ks_select_js_routes)
/* the inhabithon: hackathon, registration, teams, submissions, jury, results (src/web/hackathon/) */
ROUTES(hack_form_routes)
ROUTES(hack_page_routes)
ROUTES(registration_routes)
ROUTES(team_routes)
ROUTES(submission_routes)
ROUTES(jury_routes)
ROUTES(results_routes)
/* public events: calendar, event pages, registration, links, feeds (src/web/events/) */
ROUTES(event_form_routes)
ROUTES(event_ics_routes)
ROUTES(event_links_routes)
ROUTES(event_list_routes)
ROUTES(event_page_routes)
ROUTES(event_registrations_routes)
/* the catalogue of offerings and kartläggning (src/web/catalogue/) */
ROUTES(offering_list_routes)
ROUTES(offering_form_routes)
ROUTES(offering_page_routes)
ROUTES(catalogue_export_routes)
ROUTES(mapping_routes)
/* search (src/web/search/) */
ROUTES(search_page_routes)
