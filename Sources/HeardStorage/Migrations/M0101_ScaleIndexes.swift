import Fluent
import SQLKit

/// Indexes for a region's worth of feedback (10 million items; README "Scale", docs/scale.md).
///
/// On PostgreSQL they are partial (published items only) and covering (`INCLUDE`), so the stories pages, the
/// loop-closure figures and the dashboard read one index and never the table: an index-only scan. SQLite has
/// no `INCLUDE`; it gets the same keys and conditions, which its planner uses the same way for ordering and
/// filtering.
struct M0101_ScaleIndexes: AsyncMigration {
    static let postgres: [String] = [
        // Published stories, newest first, everywhere or by place, service or organisation, with the theme list and
        // sentiment read from the index (stories pages, "you said" counts and themes).
        """
        CREATE INDEX feedback_stories ON feedback_items (published_at DESC, id) INCLUDE (themes, sentiment)
        WHERE status = 'published'
        """,
        """
        CREATE INDEX feedback_stories_place ON feedback_items (place_id, published_at DESC, id)
        INCLUDE (themes, sentiment) WHERE status = 'published'
        """,
        """
        CREATE INDEX feedback_stories_service ON feedback_items (service_id, published_at DESC, id)
        INCLUDE (themes, sentiment) WHERE status = 'published'
        """,
        """
        CREATE INDEX feedback_stories_organisation ON feedback_items (organisation_id, published_at DESC, id)
        INCLUDE (themes, sentiment) WHERE status = 'published'
        """,
        // Loop closure: published items that needed an answer, with the dates the figures are made of.
        """
        CREATE INDEX feedback_loop ON feedback_items (published_at)
        INCLUDE (received_at, first_reply_at, action_linked_at, we_did_at) WHERE status = 'published' AND needs_answer
        """,
        """
        CREATE INDEX feedback_loop_place ON feedback_items (place_id, published_at)
        INCLUDE (received_at, first_reply_at, action_linked_at, we_did_at) WHERE status = 'published' AND needs_answer
        """,
        """
        CREATE INDEX feedback_loop_organisation ON feedback_items (organisation_id, published_at)
        INCLUDE (received_at, first_reply_at, action_linked_at, we_did_at) WHERE status = 'published' AND needs_answer
        """,
        """
        CREATE INDEX feedback_loop_service ON feedback_items (service_id, published_at)
        INCLUDE (received_at, first_reply_at, action_linked_at, we_did_at) WHERE status = 'published' AND needs_answer
        """,
        // The replies queue.
        """
        CREATE INDEX feedback_awaiting_reply ON feedback_items (published_at)
        WHERE status = 'published' AND needs_answer AND first_reply_at IS NULL
        """,
        // The dashboard's last twelve weeks.
        """
        CREATE INDEX feedback_received_figures ON feedback_items (received_at)
        INCLUDE (place_id, status, sentiment, first_reply_at, analysed_at, relational, themes)
        """,
    ]

    static let sqlite: [String] = [
        "CREATE INDEX feedback_stories ON feedback_items (published_at DESC, id) WHERE status = 'published'",
        """
        CREATE INDEX feedback_stories_place ON feedback_items (place_id, published_at DESC, id)
        WHERE status = 'published'
        """,
        """
        CREATE INDEX feedback_stories_service ON feedback_items (service_id, published_at DESC, id)
        WHERE status = 'published'
        """,
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for statement in sql.dialect.name == "sqlite" ? Self.sqlite : Self.postgres {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for statement in sql.dialect.name == "sqlite" ? Self.sqlite : Self.postgres {
            let name = String(statement.split(separator: " ")[2])
            try await sql.raw(SQLQueryString("DROP INDEX " + name)).run()
        }
    }
}
