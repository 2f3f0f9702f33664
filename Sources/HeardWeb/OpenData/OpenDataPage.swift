/// The open data page: the licence, what is never published, then each dataset with its download and what
/// its columns mean.
enum OpenDataPage {
    static func render(context: PageContext) -> String {
        PageLayout.render(context) {
            h1 { "Open data" }
            p(.class("lead")) {
                "What people have told us, what we did about it and how decisions were made, as files anyone can download and reuse."
            }
            h2 { "Using this data" }
            p {
                "You may copy, publish and adapt this data, for any purpose, under the Open Government Licence v3.0. Please say where it came from."
            }
            p {
                "Each file is a CSV (comma-separated values) file that opens in any spreadsheet. It is built at the moment you download it, so it is always up to date."
            }
            h2 { "What is never published" }
            ul {
                li {
                    "The names, e-mail addresses, phone numbers or other contact details of patients, carers and the public. (Board members' names are public, with their register of interests.)"
                }
                li {
                    "Feedback nobody agreed to publish, or that a moderator has not checked. Stories are published with personal details taken out."
                }
                li { "Complaints, and answers to equality monitoring questions." }
            }
            h2 { "Datasets" }
            ul(.class("story-list")) {
                for dataset in OpenDataset.allCases {
                    li(.class("story")) {
                        h3(.class("story-title")) { dataset.title }
                        p { dataset.summary }
                        p {
                            a(.href(dataset.path), HTMLAttribute("download", dataset.fileName)) {
                                "Download \(dataset == .fftResults ? dataset.title : dataset.title.lowercasedFirst) (CSV)"
                            }
                        }
                        details {
                            summary { "What each column means" }
                            DataTable.render(
                                caption: "Columns of \(dataset.fileName)", headers: ["Column", "What it holds"],
                                rows: dataset.columns.map { [.text($0.name), .text($0.meaning)] })
                        }
                    }
                }
            }
            h2 { "For developers" }
            p {
                "The same information, and figures for any organisation, place or service, is available as JSON. "
                a(.href(SiteURL.openAPI)) { "The API description (OpenAPI)" }
                " lists every public address."
            }
        }
    }
}

extension String {
    /// "Published stories" → "published stories", for a title used inside a sentence.
    /// The title mid-sentence; "Friends and Family Test" is a name, so keeps its capital.
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
