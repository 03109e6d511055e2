//! The gateway's reply document: `<return>` with flat camelCase elements and
//! repeated groups such as E04's `<resultData>` (protocol §2).
//!
//! [`ReturnDoc::parse`] never panics: anything that is not such a document is
//! an [`XmlError`]. [`ReturnDoc::to_xml`] writes the same shape (the sandbox
//! answers with it).

use std::fmt::Write as _;

use quick_xml::events::Event;
use quick_xml::Reader;

/// A parsed `<return>` document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReturnDoc {
    /// Leaf elements directly under `<return>`, in document order.
    pub fields: Vec<(String, String)>,
    /// Repeated groups (element name, its leaf elements).
    pub groups: Vec<(String, Vec<(String, String)>)>,
}

/// The reply is not a well-formed `<return>` document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed gateway reply: {0}")]
pub struct XmlError(pub String);

/// The largest reply accepted (a real one is well under 10 KiB).
pub const MAX_REPLY_BYTES: usize = 1 << 20;

impl ReturnDoc {
    /// The first leaf element `name` directly under `<return>`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Adds a leaf element.
    pub fn push(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.fields.push((name.to_owned(), value.into()));
        self
    }

    /// The groups called `name`.
    pub fn groups_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a [(String, String)]> + 'a {
        self.groups
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, g)| g.as_slice())
    }

    /// Parses a reply.
    pub fn parse(text: &str) -> Result<Self, XmlError> {
        if text.len() > MAX_REPLY_BYTES {
            return Err(XmlError(format!(
                "reply is larger than {MAX_REPLY_BYTES} bytes"
            )));
        }
        let mut reader = Reader::from_str(text);
        reader.config_mut().trim_text(true);
        let mut doc = ReturnDoc::default();
        // Open elements below <return>: at most a group and a leaf.
        let mut path: Vec<String> = Vec::new();
        let mut seen_root = false;
        let mut root_closed = false;
        let mut text_buf = String::new();
        let mut group: Option<(String, Vec<(String, String)>)> = None;
        loop {
            let event = reader.read_event().map_err(|e| XmlError(e.to_string()))?;
            match event {
                Event::Start(e) | Event::Empty(e) if root_closed => {
                    return Err(XmlError(format!(
                        "element <{}> after </return>",
                        String::from_utf8_lossy(e.name().as_ref())
                    )));
                }
                Event::Start(e) => {
                    let name = element_name(e.name().as_ref())?;
                    if !seen_root {
                        if name != "return" {
                            return Err(XmlError(format!(
                                "root element is <{name}>, not <return>"
                            )));
                        }
                        seen_root = true;
                        continue;
                    }
                    match path.len() {
                        0 => path.push(name),
                        1 => {
                            // The open element is a group, not a leaf.
                            if !text_buf.trim().is_empty() {
                                return Err(XmlError(format!(
                                    "<{}> mixes text and elements",
                                    path[0]
                                )));
                            }
                            if group.is_none() {
                                group = Some((path[0].clone(), Vec::new()));
                            }
                            path.push(name);
                        }
                        _ => return Err(XmlError(format!("<{name}> is nested too deeply"))),
                    }
                    text_buf.clear();
                }
                Event::Empty(e) => {
                    let name = element_name(e.name().as_ref())?;
                    if !seen_root {
                        if name == "return" {
                            seen_root = true;
                            root_closed = true;
                            continue;
                        }
                        return Err(XmlError(format!("root element is <{name}>, not <return>")));
                    }
                    match path.len() {
                        0 => doc.fields.push((name, String::new())),
                        1 => {
                            let g = group.get_or_insert_with(|| (path[0].clone(), Vec::new()));
                            g.1.push((name, String::new()));
                        }
                        _ => return Err(XmlError(format!("<{name}> is nested too deeply"))),
                    }
                }
                Event::Text(t) => {
                    if !seen_root || root_closed {
                        return Err(XmlError("text outside <return>".to_owned()));
                    }
                    text_buf.push_str(&t.unescape().map_err(|e| XmlError(e.to_string()))?);
                }
                Event::CData(c) => {
                    let bytes = c.into_inner();
                    text_buf.push_str(
                        std::str::from_utf8(&bytes).map_err(|e| XmlError(e.to_string()))?,
                    );
                }
                Event::End(e) => {
                    let name = element_name(e.name().as_ref())?;
                    match path.pop() {
                        None if name == "return" => root_closed = true,
                        None => return Err(XmlError(format!("unexpected </{name}>"))),
                        Some(open) if open != name => {
                            return Err(XmlError(format!("</{name}> closes <{open}>")));
                        }
                        Some(open) => {
                            let value = std::mem::take(&mut text_buf);
                            match path.len() {
                                0 => match group.take() {
                                    Some(g) if g.0 == open => doc.groups.push(g),
                                    Some(g) => {
                                        return Err(XmlError(format!("group <{}> left open", g.0)))
                                    }
                                    None => doc.fields.push((open, value)),
                                },
                                _ => {
                                    let g =
                                        group.get_or_insert_with(|| (path[0].clone(), Vec::new()));
                                    g.1.push((open, value));
                                }
                            }
                        }
                    }
                }
                Event::Eof => break,
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        if !seen_root {
            return Err(XmlError("no <return> element".to_owned()));
        }
        if !root_closed {
            return Err(XmlError("<return> is not closed".to_owned()));
        }
        Ok(doc)
    }

    /// Writes the document as the gateway does.
    pub fn to_xml(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<return>\n");
        for (name, value) in &self.fields {
            let _ = writeln!(out, "  <{name}>{}</{name}>", escape(value));
        }
        for (name, leaves) in &self.groups {
            let _ = writeln!(out, "  <{name}>");
            for (leaf, value) in leaves {
                let _ = writeln!(out, "    <{leaf}>{}</{leaf}>", escape(value));
            }
            let _ = writeln!(out, "  </{name}>");
        }
        out.push_str("</return>\n");
        out
    }
}

/// An element name as the gateway writes them (`returnCode`, `resultData`):
/// an ASCII letter, then letters, digits, `_`, `-` or `.`. Anything else (a
/// control character, a space) is a broken reply, not a field.
fn element_name(raw: &[u8]) -> Result<String, XmlError> {
    let ok = raw.first().is_some_and(u8::is_ascii_alphabetic)
        && raw
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !ok {
        return Err(XmlError(format!(
            "element name {:?} is not a gateway field name",
            String::from_utf8_lossy(raw)
        )));
    }
    Ok(String::from_utf8_lossy(raw).into_owned())
}

/// Escapes a text value so that it parses back to itself. Besides the markup
/// characters, whitespace that the parser would drop (it trims each text) or
/// that a reader may normalise (tab, line ends) is written as a character
/// reference: a value may start or end with a space that came in as `&#32;`.
fn escape(value: &str) -> String {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let start = value.len() - value.trim_start_matches(is_ws).len();
    let end = value.trim_end_matches(is_ws).len().max(start);
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.char_indices() {
        match c {
            '\t' | '\n' | '\r' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            ' ' if i < start || i >= end => out.push_str("&#32;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUCCESS: &str = r#"<return>
  <returnCode>0</returnCode>
  <errorCode></errorCode>
  <returnDate>20240501123456</returnDate>
  <crdCResCd>1234567</crdCResCd>
  <creditErrorCode></creditErrorCode>
  <threeDAuthHtml></threeDAuthHtml>
  <threeDToken></threeDToken>
</return>"#;

    const DECLINED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<return>
  <returnCode>1</returnCode>
  <errorCode>A082000010</errorCode>
  <returnDate>20240501123456</returnDate>
  <crdCResCd></crdCResCd>
  <creditErrorCode>G55</creditErrorCode>
  <threeDAuthHtml></threeDAuthHtml>
  <threeDToken></threeDToken>
</return>"#;

    const TRADE_INFO: &str = r#"<return>
  <returnCode>0</returnCode><errorCode></errorCode><returnDate>20240502090000</returnDate>
  <resultCount>1</resultCount>
  <resultData>
    <orderNo>00000000001231714531200</orderNo><deviceDiv>2</deviceDiv>
    <settleDate>20240501123456</settleDate><settlePrice>5500</settlePrice>
    <settleMethodDiv>0</settleMethodDiv><settleMethod>9</settleMethod>
    <statusInfo>30</statusInfo><payWay>1</payWay>
    <crdCResCd>1234567</crdCResCd><crdCResDate>20240501123456</crdCResDate>
    <slipNo>123456789012</slipNo><deliveryServiceCode>00</deliveryServiceCode>
    <slipDate>20240502080000</slipDate>
  </resultData>
</return>"#;

    #[test]
    fn parses_the_reference_examples() {
        let ok = ReturnDoc::parse(SUCCESS).expect("success doc");
        assert_eq!(ok.get("returnCode"), Some("0"));
        assert_eq!(ok.get("errorCode"), Some(""));
        assert_eq!(ok.get("crdCResCd"), Some("1234567"));

        let declined = ReturnDoc::parse(DECLINED).expect("declined doc");
        assert_eq!(declined.get("errorCode"), Some("A082000010"));
        assert_eq!(declined.get("creditErrorCode"), Some("G55"));

        let info = ReturnDoc::parse(TRADE_INFO).expect("E04 doc");
        assert_eq!(info.get("resultCount"), Some("1"));
        let data: Vec<_> = info.groups_named("resultData").collect();
        assert_eq!(data.len(), 1);
        assert!(data[0].contains(&("statusInfo".to_owned(), "30".to_owned())));
        assert!(data[0].contains(&("slipNo".to_owned(), "123456789012".to_owned())));
    }

    #[test]
    fn round_trips_through_to_xml() {
        let mut doc = ReturnDoc::default();
        doc.push("returnCode", "0").push("note", "<a & 'b'>");
        doc.groups.push((
            "resultData".to_owned(),
            vec![("orderNo".to_owned(), "X1".to_owned())],
        ));
        assert_eq!(ReturnDoc::parse(&doc.to_xml()), Ok(doc));
    }

    /// Found by the xml_reply fuzz target: a value that starts or ends with
    /// whitespace given as character references was written back raw, and the
    /// second parse trimmed it away.
    #[test]
    fn whitespace_at_the_ends_of_a_value_survives_the_round_trip() {
        let doc = ReturnDoc::parse(
            "<return><orderNo>&#9;49 9&#32;</orderNo><note>&#32;&#32;</note>\
             <memo>a&#13;&#10;b\tc</memo></return>",
        )
        .expect("valid");
        assert_eq!(doc.get("orderNo"), Some("\t49 9 "));
        assert_eq!(doc.get("note"), Some("  "));
        assert_eq!(doc.get("memo"), Some("a\r\nb\tc"));
        assert_eq!(ReturnDoc::parse(&doc.to_xml()), Ok(doc));
    }

    #[test]
    fn empty_elements_and_cdata_are_read() {
        let doc = ReturnDoc::parse(
            "<return><errorCode/><threeDAuthHtml><![CDATA[<form>]]></threeDAuthHtml></return>",
        )
        .expect("valid");
        assert_eq!(doc.get("errorCode"), Some(""));
        assert_eq!(doc.get("threeDAuthHtml"), Some("<form>"));
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        for bad in [
            "",
            "not xml at all",
            "<html><body>502 Bad Gateway</body></html>",
            "<return><returnCode>0</returnCode>",
            "<return><returnCode>0</errorCode></return>",
            "<return><a><b><c>deep</c></b></a></return>",
            "<return></return><return></return>",
            "<return><x>&bogus;</x></return>",
            "<return><g>text<leaf>1</leaf></g></return>",
            "\u{0}\u{1}<return>",
            "<return>",
            "</return>",
            // Found by the xml_reply fuzz target: a name of whitespace and
            // control characters was accepted, and wrote back as another document.
            "<return><a>1</a><\n\n\u{0}\u{0}\u{3}^ /></return>",
            "<return><1a>x</1a></return>",
            "<return><a b>x</a b></return>",
        ] {
            assert!(ReturnDoc::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
