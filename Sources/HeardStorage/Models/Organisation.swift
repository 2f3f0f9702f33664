import Fluent
import Foundation
import HeardDomain

/// An NHS or local-government body that provides, commissions or scrutinises services.
public final class Organisation: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: OrganisationKind
    @OptionalField(key: "ods_code") public var odsCode: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    @Children(for: \.$organisation) public var services: [Service]

    public init() {}

    public init(id: UUID? = nil, name: String, kind: OrganisationKind, odsCode: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.odsCode = odsCode
    }
}
