use super::*;
use crate::text::ingest::html::{self, nesting_depth, strip_tags};

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Ferry strike</title></head><body>{body}</body></html>"
    )
}

fn story() -> String {
    (0..8)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the story says the ferry company cancelled its crossings, \
                 and the union said the strike would go on, with more words to be an article.</p>"
            )
        })
        .collect()
}

/// Script, style, iframe, noscript and template text never becomes article text, and
/// entities are decoded.
#[test]
fn hidden_elements_never_become_text() {
    let hidden = "<script>var secret='SCRIPT';</script><style>.x{content:'STYLE'}</style>\
                  <iframe>IFRAME</iframe><noscript>NOSCRIPT</noscript>\
                  <template><p>TEMPLATE</p></template>";
    let body = format!(
        "<article>{hidden}<p>The &ldquo;ferry&rdquo; costs &euro;5 &amp; more&#8230; &#x1F6A2;</p>{}{hidden}</article>",
        story()
    );
    let got = ingest(page(&body).as_bytes(), Format::Html).unwrap();
    for word in [
        "SCRIPT", "STYLE", "IFRAME", "NOSCRIPT", "TEMPLATE", "&ldquo;", "<p>",
    ] {
        assert!(!got.text.contains(word), "{word} in {}", got.text);
    }
    assert!(
        got.text.contains("The “ferry” costs €5 & more… 🚢"),
        "{}",
        got.text
    );
    // The stripper used for huge pages keeps the same promise.
    let stripped = strip_tags(&page(&body));
    for word in [
        "SCRIPT",
        "STYLE",
        "IFRAME",
        "NOSCRIPT",
        "TEMPLATE",
        "Ferry strike",
    ] {
        assert!(!stripped.contains(word), "{word} in {stripped}");
    }
    assert!(
        stripped.contains("The “ferry” costs €5 & more… 🚢"),
        "{stripped}"
    );
}

/// Paragraph breaks are kept: each paragraph of the page is one paragraph of the text.
#[test]
fn paragraphs_are_kept() {
    let got = ingest(
        page(&format!("<article>{}</article>", story())).as_bytes(),
        Format::Html,
    )
    .unwrap();
    assert_eq!(got.text.split("\n\n").count(), 8, "{}", got.text);
    assert!(got.text.starts_with("Paragraph 0 of the story"));
}

/// A page without `<body>`, with unclosed tags, or only whitespace gives a best effort
/// and never a panic.
#[test]
fn malformed_pages_give_a_best_effort() {
    let no_body = format!("<html><head><title>T</title></head>{}", story());
    let got = ingest(no_body.as_bytes(), Format::Html).unwrap();
    assert!(got.text.contains("Paragraph 3"), "{}", got.text);
    let unclosed = "<html><body><div><p>Unclosed <b>bold <i>italic <p>next <div><span>";
    let got = ingest(unclosed.as_bytes(), Format::Html).unwrap();
    assert!(got.text.contains("Unclosed bold italic"), "{}", got.text);
    for odd in [
        "",
        "   ",
        "<",
        "<<<>>>",
        "<!--",
        "<script>",
        "</p></div>",
        "<html",
    ] {
        let got = ingest(odd.as_bytes(), Format::Html).unwrap();
        assert!(!got.text.contains("<script"), "{odd}");
    }
}

/// 100,000 nested divs are not handed to the extractor (whose walks recurse and slow
/// down with depth): the whole text is kept, with a notice, and nothing overflows.
#[test]
fn deeply_nested_page_does_not_overflow() {
    let n = 100_000;
    let html = format!(
        "<html><body>{}<p>Deep text.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    assert_eq!(nesting_depth(&html), n + 2);
    let got = ingest(html.as_bytes(), Format::Html).unwrap();
    assert_eq!(got.text, "Deep text.");
    assert!(
        got.notices.iter().any(|n| n.contains("too deep")),
        "{:?}",
        got.notices
    );
}

/// The nesting count ignores void elements and self-closing tags, and a normal page is
/// far below the limit.
#[test]
fn nesting_depth_counts_elements() {
    assert_eq!(nesting_depth("<div><br><img src=x><p>a<p>b</div>"), 1);
    assert_eq!(nesting_depth("<div><span/><a><b></b></a></div>"), 3);
    assert!(nesting_depth(&page(&story())) < html::MAX_TREE_DEPTH);
}

/// A panic inside the extractor is an error for this page, not a crash.
#[test]
fn extractor_panic_is_an_error() {
    let got = html::guarded_for_test("<p>x</p>", |_| panic!("boom"));
    let e = got.unwrap_err().to_string();
    assert!(e.contains("could not be read") && e.contains("boom"), "{e}");
}

/// Metadata is read in the documented order, each value with where it came from.
#[test]
fn metadata_in_order_with_provenance() {
    let head = r#"<html lang="de-CH"><head>
        <title>Title tag</title>
        <meta property="og:url" content="https://news.example/og">
        <link rel="canonical" href="https://news.example/canonical">
        <meta property="og:title" content="OG &amp; title">
        <meta property="og:site_name" content="News Example">
        <meta name="author" content="Meta Author">
        <meta property="article:published_time" content="2024-02-03T04:05:06Z">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","url":"https://news.example/"},
          {"@type":"NewsArticle","headline":"LD headline","datePublished":"2024-02-01",
           "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bob Roe"}],
           "publisher":{"@type":"Organization","name":"LD Publisher"}}]}</script>
        </head><body>"#;
    let html = format!(
        "{head}<article>{}</article><time datetime=\"2020-01-01\"></time></body></html>",
        story()
    );
    let got = ingest(html.as_bytes(), Format::Html).unwrap();
    let m = &got.meta;
    assert_eq!(m.url.as_deref(), Some("https://news.example/canonical"));
    assert_eq!(got.title.as_deref(), Some("OG & title"));
    assert_eq!(m.outlet.as_deref(), Some("News Example"));
    assert_eq!(m.authors, vec!["Ann Lee", "Bob Roe"]);
    assert_eq!(m.published.as_deref(), Some("2024-02-01"));
    assert_eq!(m.language.as_deref(), Some("de-CH"));
    let from = |k: &str| m.provenance.get(k).map(String::as_str);
    assert_eq!(from("url"), Some("link rel=canonical"));
    assert_eq!(from("title"), Some("og:title"));
    assert_eq!(from("authors"), Some("JSON-LD author"));
    assert_eq!(from("published"), Some("JSON-LD datePublished"));
    assert_eq!(from("language"), Some("html lang"));

    // Without the first choices, the next ones are taken.
    let plain = format!(
        "<html><head><title>Only title</title><meta property=\"og:url\" content=\"https://n.example/x\">\
         <meta name=\"author\" content=\"Meta Author\">\
         <meta property=\"article:published_time\" content=\"2024-02-03\"></head>\
         <body><article>{}</article></body></html>",
        story()
    );
    let got = ingest(plain.as_bytes(), Format::Html).unwrap();
    assert_eq!(got.meta.url.as_deref(), Some("https://n.example/x"));
    assert_eq!(got.title.as_deref(), Some("Only title"));
    assert_eq!(got.meta.authors, vec!["Meta Author"]);
    assert_eq!(got.meta.published.as_deref(), Some("2024-02-03"));
    assert_eq!(got.meta.provenance["published"], "article:published_time");
}

/// The article's links come with their anchor text and their place in the text;
/// relative links are resolved against the page's URL, in-page and script links dropped.
#[test]
fn links_with_anchor_text_and_offsets() {
    let body = format!(
        "<article><p>The <a href=\"https://stats.example/ferries\">official figures</a> and \
         <a href=\"/report.pdf\">the report</a> and <a href=\"#top\">top</a> and \
         <a href=\"javascript:void(0)\">js</a> show it, with words enough to be an article.</p>{}</article>",
        story()
    );
    let html = format!(
        "<html><head><link rel=canonical href=\"https://news.example/a/b\"></head><body>{body}</body></html>"
    );
    let got = ingest(html.as_bytes(), Format::Html).unwrap();
    let urls: Vec<&str> = got.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        vec![
            "https://stats.example/ferries",
            "https://news.example/report.pdf"
        ]
    );
    let chars: Vec<char> = got.text.chars().collect();
    for link in &got.links {
        let at: String = chars[link.start..link.end].iter().collect();
        assert_eq!(at, link.text);
    }
    assert_eq!(got.links[0].text, "official figures");
}

/// Markdown loses its markup (headings, emphasis, link syntax) and keeps its links.
#[test]
fn markdown_without_markup() {
    let md = "# The **ferry** strike\n\nThe [union](https://union.example/) said *no*.\nIt `went on`.\n\n\
              ## Details\n\n- one\n- two\n\n![a photo](https://img.example/x.jpg)\n\n> quoted\n";
    let got = ingest(md.as_bytes(), Format::Markdown).unwrap();
    assert_eq!(
        got.text,
        "The ferry strike\n\nThe union said no. It went on.\n\nDetails\n\none\ntwo\n\nquoted"
    );
    assert_eq!(got.title.as_deref(), Some("The ferry strike"));
    assert_eq!(got.links.len(), 1);
    let chars: Vec<char> = got.text.chars().collect();
    let l = &got.links[0];
    assert_eq!(chars[l.start..l.end].iter().collect::<String>(), "union");
}

/// Files are told apart by the first bytes, then by the extension.
#[test]
fn format_detection() {
    assert_eq!(
        Format::detect("a.txt", b"  <!DOCTYPE html><html>"),
        Format::Html
    );
    assert_eq!(
        Format::detect("page", b"\xEF\xBB\xBF<html lang=en>"),
        Format::Html
    );
    assert_eq!(Format::detect("a.htm", b"just text"), Format::Html);
    assert_eq!(Format::detect("notes.md", b"# Title"), Format::Markdown);
    assert_eq!(
        Format::detect("story.txt", b"A <b> tag in prose."),
        Format::Text
    );
    assert_eq!(Format::detect("noext", b"Plain."), Format::Text);
}

/// Every BLNS string as a page's title and metadata: no panic, and the title read back
/// is the string (whitespace collapsed) or nothing.
#[test]
fn naughty_strings_in_titles_and_meta() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/testdata/hostile/blns.json"
    );
    let Ok(json) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found (third-party test data is only in CI)");
        return;
    };
    let strings: Vec<String> = serde_json::from_str(&json).unwrap();
    for s in &strings {
        let escaped = html_escape::encode_double_quoted_attribute(s);
        let html = format!(
            "<html lang=\"{escaped}\"><head><title>{}</title>\
             <meta property=\"og:site_name\" content=\"{escaped}\">\
             <meta name=\"author\" content=\"{escaped}\"></head><body><p>{}</p></body></html>",
            html_escape::encode_text(s),
            html_escape::encode_text(s)
        );
        let got = ingest(html.as_bytes(), Format::Html).unwrap();
        let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(title) = &got.title {
            assert_eq!(*title, collapsed, "{s:?}");
        }
        if let Some(outlet) = &got.meta.outlet {
            assert_eq!(*outlet, collapsed, "{s:?}");
        }
    }
}

/// An article from a file records its path, format and the original bytes' SHA-256
/// (for text read unchanged, the text's own hash stands for it).
#[test]
fn origin_records_the_original_file() {
    let html = page(&story());
    let (article, _) =
        article_from_file("p.html", html.clone().into_bytes(), Format::Html, None).unwrap();
    assert_eq!(article.origin.format.as_deref(), Some("html"));
    assert_eq!(
        article.origin.sha256.as_deref(),
        Some(sha256_hex_bytes(html.as_bytes()).as_str())
    );
    assert_eq!(article.origin.title.as_deref(), Some("Ferry strike"));
    let (plain, _) = article_from_file("p.txt", b"Plain.".to_vec(), Format::Text, None).unwrap();
    assert_eq!(plain.origin.sha256, None);
    let (crlf, _) = article_from_file("p.txt", b"A\r\nB".to_vec(), Format::Text, None).unwrap();
    assert_eq!(crlf.origin.sha256, Some(sha256_hex_bytes(b"A\r\nB")));
}
