import Logging
import Testing

@testable import HeardWeb

/// The listening engine's suggested themes for a consultation quote a response; its answers to different
/// questions must not run together into one sentence.
@Suite("Consultations: suggested themes")
struct SuggestedThemesTests {
    @Test("a quote keeps each answer apart")
    func quoteKeepsAnswersApart() throws {
        let engine = ListeningEngine.loadDefault(logger: Logger(label: "test"))
        let text = "The staff on the ward were kind and listened to us\n\nBecause of night buses, visiting is hard"
        let themes = ConsultationAnalysis.suggestedThemes([text], engine: engine)
        let first = try #require(themes.first)
        #expect(
            first.quote
                == "The staff on the ward were kind and listened to us / Because of night buses, visiting is hard"
        )
        #expect(ConsultationAnalysis.oneLine("a\n\n\nb\n c ") == "a / b / c")
    }
}
