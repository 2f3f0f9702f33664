import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText

/// Everything the analysis and the outcome report show, computed from the stored responses.
struct ConsultationAnalysis {
    struct Tally {
        var question: SurveyQuestion
        /// (choice, count) in the question's order; for scales 1…5. For a ranking, how often each came first.
        var counts: [(String, Int)]
        var answered: Int
        /// For a ranking, each choice's full showing, in the question's order: first places alone would read a
        /// choice everyone put second as one nobody cares about.
        var ranks: [RankSummary] = []
    }

    /// How a choice fared in a ranking question.
    struct RankSummary {
        var choice: String
        /// How many people gave it a place at all.
        var ranked: Int
        /// Its mean place among those (1 is the top), or nil when nobody ranked it.
        var averagePlace: Double?
    }

    /// A group of two or more near-identical responses, reported once.
    struct Campaign: Equatable {
        var size: Int
        /// The group's first text in the order below, redacted: what the campaign said.
        var text: String
    }

    /// Sizes of the campaign groups, largest first.
    var campaignClusters: [Int] { campaigns.map(\.size) }

    /// The groups of near-identical texts among `texts`, largest first. The texts are clustered in a fixed order
    /// (sorted), so the groups do not depend on the order the database returns the responses in; `heard analyse`
    /// uses the same clusterer on a file's rows.
    static func campaigns(_ texts: [String]) -> [Campaign] {
        var clusterer = DuplicateClusterer()
        var first: [Int: String] = [:]
        for text in texts.sorted() {
            let id = clusterer.add(text)
            if first[id] == nil { first[id] = text }
        }
        return first.compactMap { id, text in
            let size = clusterer.size(of: id)
            return size > 1 ? Campaign(size: size, text: text) : nil
        }
        .sorted { ($0.size, $1.text) > ($1.size, $0.text) }
    }

    struct RepresentationGroup {
        var characteristic: MonitoringCharacteristic
        var rows: [RepresentationRow]
        var answered: Int
        var preferNotToSay: Int
    }

    var total: Int
    var byChannel: [(String, Int)]
    var byPlace: [(String, Int)]
    /// Groups of near-identical responses (campaigns), largest first.
    var campaigns: [Campaign]
    var tallies: [Tally]
    var representation: [RepresentationGroup]
    /// The place whose population the representation table compares with, when there is one.
    var comparisonPlace: String?
    /// Where the population figures come from (Census 2021, or an administrator's file).
    var populationSource: String?
    var freeTextCount: Int
    /// Each question answered in people's own words, with how many answered it: their words go to the themes,
    /// but the question and its reach are reported too, so no question asked goes unmentioned.
    var ownWords: [(question: SurveyQuestion, answered: Int)] = []
    /// The organisations and groups that responded, alphabetical, each once with how many responses it sent:
    /// reported apart from individuals and named, since one may speak for many people (`OnBehalfOf`).
    var organisations: [(name: String, responses: Int)] = []

    /// How many responses were sent on behalf of an organisation or group.
    var organisationResponses: Int { organisations.reduce(0) { $0 + $1.responses } }

    static func load(_ bundle: InitiativeBundle, on db: any Database) async throws -> ConsultationAnalysis? {
        guard let consultation = bundle.consultation, let id = consultation.id else { return nil }
        let responses = try await SurveyResponse.query(on: db).filter(\.$consultation.$id == id).with(\.$place).all()
        let answers = try await EqualityResponse.query(on: db).filter(\.$contextType == "consultation")
            .filter(\.$contextID == id).all()
        let comparison = bundle.places.count == 1 ? bundle.places.first : nil
        let population = try await comparison.asyncFlatMap { try await Self.population(of: $0.id!, on: db) } ?? [:]
        let source = try await comparison.asyncFlatMap {
            try await PopulationFigure.query(on: db).filter(\.$place.$id == $0.id!).first()?.source
        }
        return compute(
            questions: bundle.questions, responses: responses, equalityAnswers: answers, population: population,
            comparisonPlace: comparison?.name, populationSource: source)
    }

    static func compute(
        questions: [SurveyQuestion], responses: [SurveyResponse], equalityAnswers: [EqualityResponse],
        population: [String: [String: Double]], comparisonPlace: String?, populationSource: String? = nil
    ) -> ConsultationAnalysis {
        let channels = Dictionary(grouping: responses, by: \.channel).map { ($0.key, $0.value.count) }.sorted {
            $0.0 < $1.0
        }
        let places = Dictionary(grouping: responses, by: { $0.place?.name ?? "Not given" }).map {
            ($0.key, $0.value.count)
        }
        .sorted { $0.0 < $1.0 }
        let texts = responses.map(\.redactedText).filter { !$0.isEmpty }
        let campaigns = Self.campaigns(texts)
        var tallies: [Tally] = []
        for question in questions where question.kind != .freeText {
            let key = question.id!.uuidString
            // Choices are unique since they were checked on entry; older questions may repeat one, counted once.
            var listed: Set<String> = []
            let choices = (question.kind == .scale ? ScaleLabels.values : question.choiceList).filter {
                listed.insert($0).inserted
            }
            var counts = Dictionary(uniqueKeysWithValues: choices.map { ($0, 0) })
            var placeSums = Dictionary(uniqueKeysWithValues: choices.map { ($0, 0) })
            var rankedBy = Dictionary(uniqueKeysWithValues: choices.map { ($0, 0) })
            var answered = 0
            // A preferred option's choices follow the pack, so an answer is matched by the option's name too.
            var byName: [String: String] = [:]
            for choice in choices where question.kind == .preferredOption && byName[PackOptions.key(choice)] == nil {
                byName[PackOptions.key(choice)] = choice
            }
            // Answers for a choice no longer offered are kept and shown, not dropped.
            var withdrawn: [String: Int] = [:]
            for response in responses {
                guard let answer = response.answerMap[key], !answer.isEmpty else { continue }
                // A reason given without choosing an option is read with the free text, not counted as a vote:
                // otherwise "answered" would be more than the options' counts add up to.
                if question.kind == .preferredOption, answer.components(separatedBy: "\n").first?.isEmpty != false {
                    continue
                }
                answered += 1
                let picked: [String]
                switch question.kind {
                case .multipleChoice: picked = answer.components(separatedBy: "\n")
                case .ranking: picked = answer.components(separatedBy: "\n").prefix(1).map { $0 }
                case .preferredOption: picked = [answer.components(separatedBy: "\n").first ?? ""]
                default: picked = [answer]
                }
                for choice in picked where !choice.isEmpty {
                    if counts[choice] != nil {
                        counts[choice]! += 1
                    } else if question.kind == .preferredOption, let current = byName[PackOptions.key(choice)] {
                        // Chosen before the option was retitled to follow the pack.
                        counts[current]! += 1
                    } else if question.kind != .scale && question.kind != .ranking {
                        withdrawn[choice, default: 0] += 1
                    }
                }
                if question.kind == .ranking {
                    // Stored best first, one choice a line: the line is the place.
                    for (place, choice) in answer.components(separatedBy: "\n").enumerated()
                    where rankedBy[choice] != nil {
                        rankedBy[choice]! += 1
                        placeSums[choice]! += place + 1
                    }
                }
            }
            // A scale's points are shown with what they mean ("1 – Very difficult"), on the page and in the CSV.
            let shown = question.kind == .scale ? ScaleLabels.labels(question.choiceList) : choices
            var ranks: [RankSummary] = []
            if question.kind == .ranking {
                ranks = choices.map { choice in
                    let ranked = rankedBy[choice] ?? 0
                    return RankSummary(
                        choice: choice, ranked: ranked,
                        averagePlace: ranked > 0 ? Double(placeSums[choice] ?? 0) / Double(ranked) : nil)
                }
            }
            tallies.append(
                Tally(
                    question: question,
                    counts: zip(choices, shown).map { ($1, counts[$0] ?? 0) }
                        + withdrawn.sorted { $0.key < $1.key }.map { ("\($0.key) (no longer offered)", $0.value) },
                    answered: answered,
                    ranks: ranks))
        }
        let ownWords = questions.filter { $0.kind == .freeText }.map { question in
            let key = question.id!.uuidString
            return (
                question,
                responses.filter { !($0.answerMap[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                    .count
            )
        }
        let groups = representation(equalityAnswers, population: population)
        var analysis = ConsultationAnalysis(
            total: responses.count, byChannel: channels, byPlace: places, campaigns: campaigns,
            tallies: tallies, representation: groups, comparisonPlace: comparisonPlace,
            populationSource: populationSource, freeTextCount: texts.count)
        analysis.ownWords = ownWords
        analysis.organisations = OnBehalfOf.tally(responses.compactMap(\.onBehalfOf))
        return analysis
    }

    /// One table per characteristic that anyone answered. Each monitoring form counts once per question.
    static func representation(
        _ forms: [EqualityResponse], population: [String: [String: Double]]
    )
        -> [RepresentationGroup]
    {
        var counts: [MonitoringCharacteristic: [String: Int]] = [:]
        for form in forms {
            guard let answers = try? JSONDecoder().decode([String: String].self, from: Data(form.answers.utf8)) else {
                continue
            }
            for (key, value) in answers {
                guard let question = EqualityQuestion(rawValue: key),
                    let (characteristic, category) = MonitoringCharacteristic.censusGroup(
                        question: question, answer: value)
                else { continue }
                counts[characteristic, default: [:]][category, default: 0] += 1
            }
        }
        var groups: [RepresentationGroup] = []
        for characteristic in MonitoringCharacteristic.allCases {
            guard let given = counts[characteristic] else { continue }
            let preferNot = given[MonitoringCharacteristic.preferNotToSay] ?? 0
            let total = given.values.reduce(0, +)
            let rows = Representation.table(
                characteristic: characteristic.rawValue, categories: characteristic.categories, answers: given,
                population: population[characteristic.rawValue] ?? [:])
            groups.append(
                RepresentationGroup(
                    characteristic: characteristic, rows: rows, answered: total - preferNot, preferNotToSay: preferNot))
        }
        return groups
    }

    /// A place's population shares by characteristic and category.
    static func population(of placeID: UUID, on db: any Database) async throws -> [String: [String: Double]] {
        var population: [String: [String: Double]] = [:]
        for figure in try await PopulationFigure.query(on: db).filter(\.$place.$id == placeID).all() {
            population[figure.characteristic, default: [:]][figure.category] = figure.percent
        }
        return population
    }

    /// A theme the listening engine found in the responses' free text: a starting point for the staff who
    /// record the consultation's themes.
    struct SuggestedTheme {
        var name: String
        var mentions: Int
        /// Average sentiment, 1 very positive … 5 very negative.
        var sentiment: Double
        var quote: String
    }

    /// What the listening engine made of the responses' free text.
    struct FreeTextReading {
        /// Themes found, most mentioned first; empty when no model is loaded.
        var themes: [SuggestedTheme]
        /// Answers that may not be in English, redacted, in the responses' order: the engine reads English only,
        /// so they are left out of `themes` and their sentiment, for staff to read or have translated (G4).
        var notEnglish: [String]
    }

    /// Themes the engine finds in the responses, most mentioned first; empty when no model is loaded.
    static func suggestedThemes(_ responses: [String], engine: ListeningEngine) -> [SuggestedTheme] {
        readFreeText(responses, engine: engine).themes
    }

    /// Reads each response's free text: each answer (a paragraph of the stored text) that may not be in English
    /// is set apart, and the rest gives the themes, as feedback that may not be in English counts in no theme
    /// or sentiment until someone has read it.
    static func readFreeText(_ responses: [String], engine: ListeningEngine) -> FreeTextReading {
        guard !engine.themeNames.isEmpty else { return FreeTextReading(themes: [], notEnglish: []) }
        var mentions: [String: (count: Int, sentiment: Int, quote: String)] = [:]
        var notEnglish: [String] = []
        for text in responses where !text.isEmpty {
            let analysis: CommentAnalysis
            let answers = text.components(separatedBy: "\n\n").filter { !$0.trimmingWhitespace().isEmpty }
            if answers.count <= 1 {
                analysis = engine.analyse(text)
                if analysis.mayNotBeEnglish {
                    notEnglish.append(text.trimmingWhitespace())
                    continue
                }
            } else {
                var english: [String] = []
                for answer in answers {
                    if engine.analyse(answer).mayNotBeEnglish {
                        notEnglish.append(answer.trimmingWhitespace())
                    } else {
                        english.append(answer)
                    }
                }
                guard !english.isEmpty else { continue }
                analysis = engine.analyse(english.joined(separator: "\n\n"))
            }
            guard !analysis.isNoComment else { continue }
            for theme in analysis.themes {
                let current = mentions[theme] ?? (0, 0, analysis.redactedText)
                mentions[theme] = (current.count + 1, current.sentiment + analysis.sentiment, current.quote)
            }
        }
        let themes = mentions.map {
            SuggestedTheme(
                name: $0.key, mentions: $0.value.count, sentiment: Double($0.value.sentiment) / Double($0.value.count),
                // A response's free-text answers are kept as paragraphs; in one line of quote they would run
                // together ("about this Because of night buses"), so each answer is set apart.
                quote: String(Self.oneLine($0.value.quote).prefix(300)))
        }.sorted { ($0.mentions, $1.name) > ($1.mentions, $0.name) }
        return FreeTextReading(themes: themes, notEnglish: notEnglish)
    }

    /// The answers of one response on one line, each set apart with " / ".
    static func oneLine(_ text: String) -> String {
        text.components(separatedBy: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            .joined(separator: " / ")
    }

    /// How many responses are part of a campaign (a cluster of two or more near-identical texts).
    var campaignResponses: Int { campaignClusters.reduce(0, +) }
}
