import Fluent
import SQLKit

/// The feedback loop: items and their themes, replies, equality answers, actions, notices, alerts,
/// API tokens and import batches.
struct M0010_CreateFeedback: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportBatch.schema)
            .id()
            .field("file_name", .string, .required)
            .field("status", .string, .required)
            .field("rows_read", .int, .required)
            .field("rows_imported", .int, .required)
            .field("rows_rejected", .int, .required)
            .field("rows_analysed", .int, .required)
            .field("created_by_id", .uuid)
            .field("created_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        try await database.schema(FeedbackItem.schema)
            .id()
            .field("reference", .string, .required)
            .field("service_id", .uuid, .required, .references(Service.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("channel", .string, .required)
            .field("story", .string, .required)
            .field("what_was_good", .string, .required)
            .field("could_be_better", .string, .required)
            .field("fft_rating", .int)
            .field("consent_to_publish", .bool, .required)
            .field("contact_name", .string)
            .field("contact_email", .string)
            .field("contact_phone", .string)
            .field("wants_reply", .bool, .required)
            .field("status", .string, .required)
            .field("moderation_note", .string)
            .field("moderated_by_id", .uuid)
            .field("moderated_at", .datetime)
            .field("published_text", .string)
            .field("published_at", .datetime)
            .field("received_at", .datetime, .required)
            .field("entered_by_id", .uuid)
            .field("submitter_hash", .string)
            .field("import_batch_id", .uuid)
            .field("analysed_at", .datetime)
            .field("themes", .string, .required)
            .field("sentiment", .int)
            .field("relational", .string, .required)
            .field("is_urgent", .bool, .required)
            .field("urgent_reasons", .string, .required)
            .field("pii_kinds", .string, .required)
            .field("redacted_text", .string, .required)
            .field("needs_answer", .bool, .required)
            .field("first_reply_at", .datetime)
            .field("action_linked_at", .datetime)
            .field("we_did_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "reference")
            .create()
        try await database.schema(FeedbackTheme.schema)
            .id()
            .field("feedback_id", .uuid, .required, .references(FeedbackItem.schema, "id", onDelete: .cascade))
            .field("theme", .string, .required)
            .unique(on: "feedback_id", "theme")
            .create()
        try await database.schema(FeedbackReply.schema)
            .id()
            .field("feedback_id", .uuid, .required, .references(FeedbackItem.schema, "id"))
            .field("body", .string, .required)
            .field("author_id", .uuid)
            .field("author_role", .string, .required)
            .field("signature", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(EqualityResponse.schema)
            .id()
            .field("context_type", .string, .required)
            .field("context_id", .uuid, .required)
            .field("place_id", .uuid)
            .field("answers", .string, .required)
            .field("submitted_at", .datetime, .required)
            .create()
        try await database.schema(ActionItem.schema)
            .id()
            .field("title", .string, .required)
            .field("you_said", .string, .required)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("place_id", .uuid, .references(Place.schema, "id"))
            .field("service_id", .uuid, .references(Service.schema, "id"))
            .field("theme", .string)
            .field("owner_id", .uuid, .references(User.schema, "id"))
            .field("due_on", .datetime, .required)
            .field("status", .string, .required)
            .field("outcome", .string, .required)
            .field("closed_at", .datetime)
            .field("created_by_id", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(ActionUpdate.schema)
            .id()
            .field("action_id", .uuid, .required, .references(ActionItem.schema, "id"))
            .field("status", .string, .required)
            .field("note", .string, .required)
            .field("author_id", .uuid)
            .field("author_label", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ActionFeedbackLink.schema)
            .id()
            .field("action_id", .uuid, .required, .references(ActionItem.schema, "id"))
            .field("feedback_id", .uuid, .required, .references(FeedbackItem.schema, "id"))
            .unique(on: "action_id", "feedback_id")
            .create()
        try await database.schema(Notice.schema)
            .id()
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("kind", .string, .required)
            .field("feedback_id", .uuid)
            .field("action_id", .uuid)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema(UrgentAlert.schema)
            .id()
            .field("feedback_id", .uuid, .required, .references(FeedbackItem.schema, "id"))
            .field("reasons", .string, .required)
            .field("acknowledged_by_id", .uuid)
            .field("acknowledged_at", .datetime)
            .field("acknowledgement_note", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()

        // The queries behind the public pages, the queues and the dashboard. See README "Scale".
        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX feedback_status_published ON feedback_items (status, published_at)",
            "CREATE INDEX feedback_place_published ON feedback_items (place_id, status, published_at)",
            "CREATE INDEX feedback_service_published ON feedback_items (service_id, status, published_at)",
            "CREATE INDEX feedback_organisation_published ON feedback_items (organisation_id, status, published_at)",
            "CREATE INDEX feedback_received ON feedback_items (received_at)",
            "CREATE INDEX feedback_submitter ON feedback_items (submitter_hash, received_at)",
            "CREATE INDEX feedback_import_batch ON feedback_items (import_batch_id)",
            "CREATE INDEX feedback_themes_theme ON feedback_themes (theme, feedback_id)",
            "CREATE INDEX feedback_replies_feedback ON feedback_replies (feedback_id)",
            "CREATE INDEX action_feedback_feedback ON action_feedback (feedback_id)",
            "CREATE INDEX actions_status ON actions (status, closed_at)",
            "CREATE INDEX notices_status ON notices (status, created_at)",
            "CREATE INDEX urgent_alerts_open ON urgent_alerts (acknowledged_at, created_at)",
            "CREATE INDEX equality_context ON equality_responses (context_type, context_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [
            APIToken.schema, UrgentAlert.schema, Notice.schema, ActionFeedbackLink.schema, ActionUpdate.schema,
            ActionItem.schema, EqualityResponse.schema, FeedbackReply.schema, FeedbackTheme.schema, FeedbackItem.schema,
            ImportBatch.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}
