import Fluent
import Foundation
import HeardDomain

/// Someone who sits on a board: their role there, whether they vote, whether they bring lived experience, and
/// their entries in the register of interests. Leaving keeps the record (the register is kept for six years).
public final class BoardMember: Model, @unchecked Sendable {
    public static let schema = "board_members"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "board_id") public var board: Board
    @Field(key: "name") public var name: String
    /// Their role on the board ("Chair", "GP member", "Patient and carer representative").
    @Field(key: "role") public var role: String
    @Field(key: "votes") public var votes: Bool
    /// A patient, carer or community member with lived experience of the services.
    @Field(key: "lived_experience") public var livedExperience: Bool
    @Field(key: "appointed_on") public var appointedOn: String
    @OptionalField(key: "left_on") public var leftOn: String?
    /// Their Heard account, when they have one: they then see the membership on their own page and declare there.
    @OptionalParent(key: "user_id") public var account: User?
    /// Where a member without an account is sent their declaration form (a link that works once).
    @OptionalField(key: "email") public var email: String?
    @Children(for: \.$member) public var declarations: [InterestDeclaration]

    public init() {}

    public init(
        id: UUID? = nil, boardID: UUID, name: String, role: String, votes: Bool, livedExperience: Bool,
        appointedOn: SimpleDate
    ) {
        self.id = id
        self.$board.id = boardID
        self.name = name
        self.role = role
        self.votes = votes
        self.livedExperience = livedExperience
        self.appointedOn = appointedOn.iso
        self.$account.id = nil
    }

    public var appointed: SimpleDate { SimpleDate(iso: appointedOn)! }

    /// A member on `day`: appointed by then and not yet left.
    public func sits(on day: SimpleDate) -> Bool {
        appointed <= day && (leftOn.flatMap(SimpleDate.init(iso:)).map { day < $0 } ?? true)
    }
}

/// One entry in the register of interests: an interest, or a nil return.
public final class InterestDeclaration: Model, @unchecked Sendable {
    public static let schema = "interest_declarations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "member_id") public var member: BoardMember
    @Field(key: "kind") public var kind: InterestKind
    @Field(key: "description") public var details: String
    @Field(key: "declared_on") public var declaredOn: String
    @OptionalField(key: "ended_on") public var endedOn: String?
    /// When the interest began, if the declaration says: the 28 days to declare it run from then.
    @OptionalField(key: "held_from") public var heldFrom: String?
    /// The day the end was recorded, when it was recorded after the declaration.
    @OptionalField(key: "end_recorded_on") public var endRecordedOn: String?
    @OptionalField(key: "recorded_by_id") public var recordedByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, memberID: UUID, kind: InterestKind, details: String, declaredOn: SimpleDate,
        endedOn: SimpleDate?, recordedByID: UUID?, heldFrom: SimpleDate? = nil
    ) {
        self.id = id
        self.$member.id = memberID
        self.kind = kind
        self.details = details
        self.declaredOn = declaredOn.iso
        self.endedOn = endedOn?.iso
        self.recordedByID = recordedByID
        self.heldFrom = heldFrom?.iso
        self.endRecordedOn = nil
    }

    public var entry: RegisterEntry {
        RegisterEntry(
            kind: kind, description: details, declaredOn: SimpleDate(iso: declaredOn)!,
            endedOn: endedOn.flatMap(SimpleDate.init(iso:)), heldFrom: heldFrom.flatMap(SimpleDate.init(iso:)),
            endRecordedOn: endRecordedOn.flatMap(SimpleDate.init(iso:)))
    }
}
