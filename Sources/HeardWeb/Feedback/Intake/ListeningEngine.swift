import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// The text engine as the app uses it: the model is loaded once at start and shared by every request.
public final class ListeningEngine: Sendable {
    private let analyser: CommentAnalyser?
    private let redactor = Redactor()
    /// Why there is no model, when there is none (shown on the dashboard).
    public let modelProblem: String?
    /// The file the model was read from; nil for the model that ships with Heard.
    public let modelPath: String?

    public init(model: TextModel?, problem: String? = nil, modelPath: String? = nil) {
        self.analyser = model.map(CommentAnalyser.init(model:))
        self.modelProblem = model == nil ? (problem ?? "No text model is loaded.") : nil
        self.modelPath = model == nil ? nil : modelPath
    }

    /// The model in use, for the page that describes it.
    public var model: TextModel? { analyser?.model }

    /// The model the configuration names (`HEARD_MODEL`), or the default one.
    static func load(_ config: AppConfiguration, logger: Logger) throws(ConfigurationError) -> ListeningEngine {
        guard let path = config.modelPath else { return loadDefault(logger: logger) }
        let model: TextModel
        do {
            model = try TextModel(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .invalid(setting: "--model or HEARD_MODEL", reason: "\(error)")
        }
        // Dashboards, reply queues and reports read sentiment on every item: a model without it would leave
        // them all empty without saying why.
        guard model.hasSentiment else {
            throw .invalid(
                setting: "--model or HEARD_MODEL",
                reason: "\(path) does not predict sentiment, which Heard's dashboards and reply queue need. "
                    + "Train it again with --sentiment-column naming a column of 1-5 scores.")
        }
        logger.notice(
            "Using the text model \(path) (\(model.card.name), \(model.learnedThemeNames.count) themes learned).")
        return ListeningEngine(model: model, modelPath: path)
    }

    /// The default model shipped with Heard, or a redaction-only engine with the reason logged.
    static func loadDefault(logger: Logger) -> ListeningEngine {
        do {
            return ListeningEngine(model: try TextModel.loadDefault())
        } catch {
            logger.warning(
                "The default text model could not be loaded (\(error)). Feedback is still redacted, but themes and sentiment are not found until a model is available."
            )
            return ListeningEngine(model: nil, problem: String(describing: error))
        }
    }

    public var themeNames: [String] { analyser?.model.themeNames ?? [] }

    /// Labels of the default taxonomy that say a comment has no subject rather than naming one: an action
    /// cannot be "about" them.
    static let labelsWithoutSubject: Set<String> = ["Not assigned", "Labelling not possible"]

    /// A story's themes as a public page shows them: "Not assigned" and "Labelling not possible" say nothing to
    /// a reader, so they are left out whenever the story has a real theme.
    static func publicThemes(_ themes: [String]) -> [String] {
        let named = themes.filter { !labelsWithoutSubject.contains($0) }
        return named.isEmpty ? themes : named
    }

    /// The themes that name a subject: what a reader may filter stories by, and what a complaint or a list
    /// row says it is about. An empty list reads "none found" rather than "Not assigned".
    static func namedThemes(_ themes: [String]) -> [String] {
        themes.filter { !labelsWithoutSubject.contains($0) }
    }

    /// The themes an action can be about, in alphabetical order so a long list can be scanned.
    public var actionThemeNames: [String] {
        themeNames.filter { !Self.labelsWithoutSubject.contains($0) }.sorted()
    }

    /// `question`: the question the text answers, for a model trained with one (`TextModel.questionColumn`);
    /// other models ignore it.
    public func analyse(_ text: String, question: String? = nil) -> CommentAnalysis {
        if let analyser {
            return analyser.analyse(text, question: analyser.model.questionColumn == nil ? nil : question)
        }
        let redaction = redactor.redact(text)
        let isEmpty = text.allSatisfy(\.isWhitespace)
        return CommentAnalysis(
            themes: [], sentiment: isEmpty ? CommentAnalysis.noCommentSentiment : 3, relational: [], isUrgent: false,
            urgentReasons: [], personalData: redaction.kinds, redactedText: redaction.text, isNoComment: isEmpty)
    }

    /// Personal data the redactor still finds in text a moderator edited.
    public func personalDataLeft(in text: String) -> [PersonalDataKind] {
        redactor.redact(text).kinds
    }

    /// What the redactor still finds in `text`, each named with its words ("the phone number \"07700 900123\""),
    /// so a refusal says exactly what to change; `suggestingPlaceholder` adds what to write instead ("(write
    /// [phone])"). At most five, each quoted up to 40 characters; `isRefused` keeps only some (by kind and words).
    public func personalDataFound(
        in text: String, suggestingPlaceholder: Bool = false,
        where isRefused: (PersonalDataKind, String) -> Bool = { _, _ in true }
    ) -> [String] {
        let result = redactor.redact(text)
        let bytes = Array(text.utf8)
        var descriptions: [String] = []
        for span in result.spans {
            var words = String(decoding: bytes[span.utf8Range], as: UTF8.self)
            guard isRefused(span.kind, words) else { continue }
            if words.count > 40 { words = String(words.prefix(39)) + "…" }
            let description =
                "the \(span.kind.phrase) \"\(words)\""
                + (suggestingPlaceholder ? " (write \(span.kind.placeholder))" : "")
            if !descriptions.contains(description) { descriptions.append(description) }
            if descriptions.count == 5 { break }
        }
        return descriptions
    }

    /// The text with any personal data replaced by placeholders ("[phone]"), for records such as audit
    /// summaries that quote what someone wrote but must not copy their personal data.
    public func redacted(_ text: String) -> String {
        redactor.redact(text).text
    }

    /// Text staff write for the public (an outcome, a reason, "you said") is published as written, so
    /// personal data in it is refused rather than silently redacted: the writer knows what they meant.
    /// `allowingContactDetails`: the organisation's own phone, e-mail, address and social media ("@LeedsNHS")
    /// may appear in a pack or an outcome ("for a paper copy, ring …"), but not a mobile number or a personal
    /// e-mail address, which read as a respondent's (`PersonalContactDetails`); names and NHS numbers never may.
    /// `because` says why personal data may not be there (by default: it is published); `nameHint` what to write
    /// instead of a name.
    func personalDataProblem(
        in text: String, field: String, allowingContactDetails: Bool = false,
        because: String = "This is published, so it must not contain personal data",
        nameHint: String = " Describe people by their role (\"the clinical lead\"), not by name."
    ) -> FieldError? {
        var refusedKinds: Set<PersonalDataKind> = []
        var privateContact = false
        let found = personalDataFound(in: text) { kind, words in
            let refused: Bool
            switch kind {
            case .phone where allowingContactDetails:
                refused = PersonalContactDetails.isMobileNumber(words)
                privateContact = privateContact || refused
            case .email where allowingContactDetails:
                refused = PersonalContactDetails.isPersonalEmail(words)
                privateContact = privateContact || refused
            case .postcode, .address, .socialMedia: refused = !allowingContactDetails
            default: refused = true
            }
            if refused { refusedKinds.insert(kind) }
            return refused
        }
        guard !found.isEmpty else { return nil }
        let named =
            refusedKinds.contains(.name) ? nameHint : ""
        let contact =
            privateContact
            ? " The organisation's own landline and work e-mail address may stay; a mobile number or a personal"
                + " e-mail address reads as someone's own." : ""
        return FieldError(
            field,
            because + ": remove \(EnglishList.and(found))." + named
                + contact)
    }

    struct Key: StorageKey { typealias Value = ListeningEngine }
}

extension Application {
    /// Loaded once by `HeardApplication.configure` and shared for the life of the app.
    public var listeningEngine: ListeningEngine {
        get { storage[ListeningEngine.Key.self] ?? ListeningEngine(model: nil, problem: "The app was not configured.") }
        set { storage[ListeningEngine.Key.self] = newValue }
    }
}

extension Request {
    var listeningEngine: ListeningEngine { application.listeningEngine }
}

extension FeedbackItem {
    /// The item's themes without the labels that name no subject ("Not assigned"), as lists, complaint files
    /// and their exports show them.
    var namedThemes: [String] { ListeningEngine.namedThemes(themeList) }
}
