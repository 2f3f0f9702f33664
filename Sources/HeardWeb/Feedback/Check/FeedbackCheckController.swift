import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `/feedback/check`: what has happened to a piece of feedback, found by the reference its giver was shown.
/// It says only what the giver already knows or what is public anyway: the service, the day, and what was done
/// with it. Never the words, contact details or a moderator's note; a complaint says only that the complaints
/// team has it. References are 8 characters from 32, too many to guess.
enum FeedbackCheckController {
    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let typed = request.query[String.self, at: "reference"] else {
            return .html(FeedbackCheckPage.render(.init(typed: ""), context: context(request)))
        }
        let reference: String
        switch FeedbackReferenceInput.read(typed) {
        case .failure(let problem):
            let failure = ValidationFailure([FieldError("reference", problem.description)])
            return .html(
                FeedbackCheckPage.render(
                    .init(typed: typed, failure: failure), context: context(request, hasErrors: true)),
                status: .unprocessableEntity)
        case .success(let read): reference = read
        }
        guard
            let item = try await FeedbackItem.query(on: request.db).filter(\.$reference == reference)
                .with(\.$service).with(\.$place).first()
        else {
            let failure = ValidationFailure([
                FieldError(
                    "reference",
                    "We have no feedback with the reference \(reference). Check it against the thank-you page or your e-mail: references have no 0, 1, I or O."
                )
            ])
            return .html(
                FeedbackCheckPage.render(
                    .init(typed: typed, failure: failure), context: context(request, hasErrors: true)),
                status: .notFound)
        }
        let actions = try await ActionFeedbackLink.query(on: request.db).filter(\.$feedback.$id == item.id!)
            .with(\.$action).all().map(\.action).sorted { ($0.dueOn, $0.title) < ($1.dueOn, $1.title) }
        return .html(
            FeedbackCheckPage.render(
                .init(
                    typed: reference,
                    found: FeedbackCheckPage.Found(
                        item: item, actions: actions, contact: request.heardConfiguration.contact)),
                context: context(request)))
    }

    private static func context(_ request: Request, hasErrors: Bool = false) -> PageContext {
        PageContext(request, title: "Check on your feedback", hasErrors: hasErrors)
    }
}
