import Fluent
import Foundation

/// A locality of the integrated care system (for example Calderdale).
public final class Place: Model, @unchecked Sendable {
    public static let schema = "places"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "slug") public var slug: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    /// When an administrator retired it: no longer offered for new work, still shown in history. Nil in use.
    @OptionalField(key: "retired_at") public var retiredAt: Date?

    public init() {}

    public var isRetired: Bool { retiredAt != nil }

    public init(id: UUID? = nil, name: String, slug: String) {
        self.id = id
        self.name = name
        self.slug = slug
    }
}
