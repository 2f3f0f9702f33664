import Fluent
import Foundation
import HeardDomain
import SQLKit

/// Takes direction override and isolate controls (`BidiControls`, U+202A–U+202E and U+2066–U+2069) out of the
/// text already stored that the public can read: published stories, replies, actions and their updates, ideas
/// and their answers, initiatives, consultations, decisions, involvement activities, the register of interests,
/// service descriptions and indicator sources. New text loses them when it is saved; before, it kept them, so
/// the API, the open-data files and e-mails still carried them (pages drop them as they are shown).
///
/// Only rows holding a control are read (a `LIKE` for each control), a page at a time by id, and only the
/// columns that change are written, so it is the same on SQLite and PostgreSQL and quick where there are none.
/// What people sent as feedback is kept as sent; names that must be unique (organisations, places, services,
/// boards, indicators, glossary terms, theme names) are left as they are, as two could become the same.
struct M0135_PublishedTextWithoutBidiControls: AsyncMigration {
    static let columns: [(table: String, columns: [String])] = [
        ("feedback_items", ["published_text"]),
        ("feedback_replies", ["body"]),
        ("actions", ["title", "you_said", "outcome"]),
        ("action_updates", ["note"]),
        ("ideas", ["title", "details", "credit_name", "response"]),
        ("initiatives", ["title", "what", "why", "decision_body"]),
        (
            "consultations",
            ["title", "background", "options", "discarded_alternatives", "reasons", "outcome_summary"]
        ),
        ("consultation_themes", ["summary", "quote", "response_reason"]),
        ("decisions", ["title", "meeting", "members_present", "declarations", "outcome"]),
        ("involvement_activities", ["title", "venue", "notes", "what_changed"]),
        ("board_members", ["name", "role"]),
        ("interest_declarations", ["description"]),
        ("services", ["description"]),
        ("indicator_values", ["source"]),
    ]

    static let pageSize = 500

    static let controls: [String] = (Array(0x202A...0x202E) + Array(0x2066...0x2069)).map {
        String(Unicode.Scalar(UInt32($0))!)
    }

    func prepare(on database: any Database) async throws {
        for (table, columns) in Self.columns {
            try await Self.clean(table, columns, on: database)
        }
    }

    /// The controls taken out were never wanted and are not kept anywhere, so there is nothing to put back.
    func revert(on database: any Database) async throws {}

    /// Removes the controls from `columns` of every row of `table` holding one; returns how many rows changed.
    @discardableResult
    static func clean(_ table: String, _ columns: [String], on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        var lastID: UUID?
        var changedRows = 0
        while true {
            var query = sql.select().column("id").columns(columns.map { SQLIdentifier($0) }).from(table)
                .where(group: { group in
                    var group = group
                    for column in columns {
                        for control in controls {
                            group = group.orWhere(SQLIdentifier(column), .like, SQLBind("%" + control + "%"))
                        }
                    }
                    return group
                })
            if let lastID { query = query.where("id", .greaterThan, lastID) }
            let page = try await query.orderBy("id").limit(pageSize).all()
            guard let last = page.last else { return changedRows }
            for row in page {
                var update = sql.update(table)
                var changed = false
                for column in columns {
                    guard let text = try row.decode(column: column, as: String?.self) else { continue }
                    let cleaned = text.removingBidiControls()
                    guard cleaned != text else { continue }
                    update = update.set(SQLIdentifier(column), to: SQLBind(cleaned))
                    changed = true
                }
                guard changed else { continue }
                try await update.where("id", .equal, try row.decode(column: "id", as: UUID.self)).run()
                changedRows += 1
            }
            lastID = try last.decode(column: "id", as: UUID.self)
        }
    }
}
