import Fluent
import Foundation

/// One day's reminders, claimed once: the day is unique, and the notices of that day are written in the same
/// transaction as its row, so however many instances run the job, each reminder goes once.
public final class ReminderRun: Model, @unchecked Sendable {
    public static let schema = "reminder_runs"

    @ID(key: .id) public var id: UUID?
    /// The UK day (YYYY-MM-DD) the reminders were for.
    @Field(key: "day") public var day: String
    @Field(key: "notices") public var notices: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(day: String, notices: Int) {
        self.day = day
        self.notices = notices
    }
}
