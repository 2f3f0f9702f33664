import Fluent
import Foundation
import HeardDomain

/// An idea an involved person put forward, the answer they got, and the initiative it became.
public final class Idea: Model, @unchecked Sendable {
    public static let schema = "ideas"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "author_id") public var author: User
    @Field(key: "title") public var title: String
    @Field(key: "details") public var details: String
    /// How they want to be credited ("Farah Begum", "Farah, Leeds carers' group").
    @Field(key: "credit_name") public var creditName: String
    /// Whether that name may appear on public pages; otherwise the public sees "a member of the public".
    @Field(key: "credit_publicly") public var creditPublicly: Bool
    @Field(key: "status") public var status: IdeaStatus
    @Field(key: "response") public var response: String
    @OptionalParent(key: "initiative_id") public var initiative: Initiative?
    @OptionalField(key: "responded_at") public var respondedAt: Date?
    @OptionalField(key: "responded_by") public var respondedBy: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, authorID: UUID, title: String, details: String, creditName: String, creditPublicly: Bool
    ) {
        self.id = id
        self.$author.id = authorID
        self.title = title
        self.details = details
        self.creditName = creditName
        self.creditPublicly = creditPublicly
        self.status = .submitted
        self.response = ""
        self.$initiative.id = nil
    }

    /// The credit as the public may see it.
    public var publicCredit: String { creditPublicly ? creditName : "a member of the public" }
}
