import Fluent
import Foundation

/// A board, committee or panel that makes or advises on decisions, with its members and their interests.
public final class Board: Model, @unchecked Sendable {
    public static let schema = "boards"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// What it is for, in plain words ("decides how NHS money is spent on Leeds services").
    @Field(key: "purpose") public var purpose: String
    /// How many voting members must be present for a decision; nil when the board has not set one (then the
    /// decision paper answers whether the meeting was quorate).
    @OptionalField(key: "quorum") public var quorum: Int?
    @Children(for: \.$board) public var members: [BoardMember]
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, name: String, purpose: String) {
        self.id = id
        self.name = name
        self.purpose = purpose
    }
}
