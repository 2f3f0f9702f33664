import Fluent

/// Board meetings: the meeting, its agenda items, who attended, and what the chair decided for each member with
/// a declared interest on each item.
struct M0145_CreateMeetings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Meeting.schema)
            .id()
            .field("board_id", .uuid, .required, .references(Board.schema, "id"))
            .field("held_on", .string, .required)
            .field("starts_at", .string)
            .field("place", .string, .required)
            .field("status", .string, .required)
            .field("agenda_published", .bool, .required)
            .field("declarations_notes", .string, .required)
            .field("minutes_approved_at", .datetime)
            .field("minutes_approved_by", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(MeetingItem.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("paper", .string, .required)
            .field("decision_id", .uuid, .references(Decision.schema, "id"))
            .field("notes", .string, .required)
            .create()
        try await database.schema(MeetingAttendance.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("member_id", .uuid, .required, .references(BoardMember.schema, "id"))
            .field("attendance", .string, .required)
            .unique(on: "meeting_id", "member_id")
            .create()
        try await database.schema(MeetingDeclaration.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("item_id", .uuid, .required, .references(MeetingItem.schema, "id"))
            .field("member_id", .uuid, .required, .references(BoardMember.schema, "id"))
            .field("action", .string, .required)
            .unique(on: "item_id", "member_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MeetingDeclaration.schema).delete()
        try await database.schema(MeetingAttendance.schema).delete()
        try await database.schema(MeetingItem.schema).delete()
        try await database.schema(Meeting.schema).delete()
    }
}
