import Fluent
import Foundation

/// A service people use, run by one organisation in one place.
public final class Service: Model, @unchecked Sendable {
    public static let schema = "services"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "description") public var summary: String
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Parent(key: "place_id") public var place: Place
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    /// When an administrator retired it: no longer offered for new work, still shown in history. Nil in use.
    @OptionalField(key: "retired_at") public var retiredAt: Date?

    public init() {}

    public var isRetired: Bool { retiredAt != nil }

    public init(id: UUID? = nil, name: String, summary: String = "", organisationID: UUID, placeID: UUID) {
        self.id = id
        self.name = name
        self.summary = summary
        self.$organisation.id = organisationID
        self.$place.id = placeID
    }
}
