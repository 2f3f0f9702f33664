/// The consultation answers the listening engine could not read because they may not be in English: listed on
/// the consultation page for staff to read, as they are in none of the suggested themes (Gunning G4 asks that
/// every response is taken into account, whatever its language).
enum NotEnglishAnswers {
    static func render(_ answers: [String]) -> HTMLNode {
        guard !answers.isEmpty else { return .empty }
        return section(.class("panel"), .id("not-english")) {
            h2 { "Answers that may not be in English (\(answers.count))" }
            p {
                "The listening engine reads English only, so these answers are in none of the themes above and none of their figures. Read them, or have them translated, and record any theme they raise below, so the decision paper answers them too."
            }
            ul(.class("list-plain")) {
                for answer in answers {
                    li {
                        span(.class("tag tag-needs-reader")) { "May not be in English" }
                        " "
                        element("blockquote", .lang("")) { ConsultationAnalysis.oneLine(answer) }
                    }
                }
            }
        }
    }
}
