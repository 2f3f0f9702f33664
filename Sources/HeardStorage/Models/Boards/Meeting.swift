import Fluent
import Foundation
import HeardDomain

/// A meeting of a board: when and where, its agenda, who came, and its minutes. The declarations of interest
/// item is not stored: it is always item 1.
public final class Meeting: Model, @unchecked Sendable {
    public static let schema = "meetings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "board_id") public var board: Board
    /// `YYYY-MM-DD`.
    @Field(key: "held_on") public var heldOn: String
    /// "18:00", 24-hour; nil when not set.
    @OptionalField(key: "starts_at") public var startsAt: String?
    /// Where it meets, or "Online".
    @Field(key: "place") public var place: String
    @Field(key: "status") public var status: MeetingStatus
    /// Whether the public board page shows the agenda before the meeting.
    @Field(key: "agenda_published") public var agendaPublished: Bool
    /// The secretary's notes for the declarations item.
    @Field(key: "declarations_notes") public var declarationsNotes: String
    /// When the secretary approved the minutes (then published); nil while they are a draft.
    @OptionalField(key: "minutes_approved_at") public var minutesApprovedAt: Date?
    @OptionalField(key: "minutes_approved_by") public var minutesApprovedBy: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {
        self.agendaPublished = false
        self.declarationsNotes = ""
        self.status = .planned
    }

    public init(id: UUID? = nil, boardID: UUID, heldOn: SimpleDate, startsAt: String?, place: String) {
        self.id = id
        self.$board.id = boardID
        self.heldOn = heldOn.iso
        self.startsAt = startsAt
        self.place = place
        self.status = .planned
        self.agendaPublished = false
        self.declarationsNotes = ""
        self.minutesApprovedAt = nil
        self.minutesApprovedBy = nil
    }

    public var day: SimpleDate { SimpleDate(iso: heldOn)! }
    public var minutesApproved: Bool { minutesApprovedAt != nil }
}

/// An item of a meeting's agenda after the standing declarations item: a decision on an initiative, or a plain
/// item with its paper.
public final class MeetingItem: Model, @unchecked Sendable {
    public static let schema = "meeting_items"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "meeting_id") public var meeting: Meeting
    /// Its place on the agenda, from 1 (shown as item 2: the declarations come first).
    @Field(key: "position") public var position: Int
    @Field(key: "title") public var title: String
    /// A link to the paper, or its text.
    @Field(key: "paper") public var paper: String
    @OptionalParent(key: "decision_id") public var decision: Decision?
    /// The secretary's notes for the minutes.
    @Field(key: "notes") public var notes: String

    public init() {
        self.paper = ""
        self.notes = ""
    }

    public init(id: UUID? = nil, meetingID: UUID, position: Int, title: String, paper: String, decisionID: UUID?) {
        self.id = id
        self.$meeting.id = meetingID
        self.position = position
        self.title = title
        self.paper = paper
        self.$decision.id = decisionID
        self.notes = ""
    }
}

/// Whether one member came to a meeting, or sent apologies.
public final class MeetingAttendance: Model, @unchecked Sendable {
    public static let schema = "meeting_attendance"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "meeting_id") public var meeting: Meeting
    @Parent(key: "member_id") public var member: BoardMember
    @Field(key: "attendance") public var attendance: Attendance

    public init() {}

    public init(meetingID: UUID, memberID: UUID, attendance: Attendance) {
        self.$meeting.id = meetingID
        self.$member.id = memberID
        self.attendance = attendance
    }
}

/// What the chair decided for a member with a declared interest, for one item.
public final class MeetingDeclaration: Model, @unchecked Sendable {
    public static let schema = "meeting_declarations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "meeting_id") public var meeting: Meeting
    @Parent(key: "item_id") public var item: MeetingItem
    @Parent(key: "member_id") public var member: BoardMember
    /// A `ChairAction` raw value.
    @Field(key: "action") public var action: String

    public init() {}

    public init(meetingID: UUID, itemID: UUID, memberID: UUID, action: ChairAction) {
        self.$meeting.id = meetingID
        self.$item.id = itemID
        self.$member.id = memberID
        self.action = action.rawValue
    }

    public var chairAction: ChairAction? { ChairAction(rawValue: action) }
}
