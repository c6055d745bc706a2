//! Breaking text into lines that fit a width.
//!
//! Chinese may break between any two characters, except that closing
//! punctuation (，。）…) never starts a line and opening punctuation (（《…)
//! never ends one. Latin words and figures break only at spaces, unless a
//! single word is wider than the whole line, which is then cut where it
//! overflows. Explicit line breaks in the text are kept.

use super::shaper::Shaper;
use crate::error::RenderError;

/// Characters that must not begin a line.
const CLOSING: &str = "，。、；：？！）》」』】〕…%,.;:?!)]}";

/// Characters that must not end a line.
const OPENING: &str = "（《「『【〔([{";

/// The lines of `text` set at `size` points within `width` points.
pub(crate) fn wrap(
    shaper: &Shaper<'_>,
    text: &str,
    size: f32,
    width: f32,
) -> Result<Vec<String>, RenderError> {
    let mut lines = Vec::new();
    for paragraph in clean(text).split('\n') {
        lines.extend(wrap_paragraph(shaper, paragraph, width / size)?);
    }
    Ok(lines)
}

/// The text with tabs and other control characters made spaces, keeping
/// line feeds.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// One paragraph's lines; `width_em` is the line width in em.
fn wrap_paragraph(
    shaper: &Shaper<'_>,
    text: &str,
    width_em: f32,
) -> Result<Vec<String>, RenderError> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_em = 0.0;
    for unit in units(text) {
        let unit_em = shaper.width_em(&unit)?;
        if line_em + unit_em <= width_em {
            line.push_str(&unit);
            line_em += unit_em;
            continue;
        }
        push_line(&mut lines, &mut line);
        if unit.trim().is_empty() {
            line_em = 0.0;
            continue;
        }
        let (full, rest) = cut_to_width(shaper, &unit, width_em)?;
        lines.extend(full);
        line_em = shaper.width_em(&rest)?;
        line = rest;
    }
    push_line(&mut lines, &mut line);
    if lines.is_empty() {
        lines.push(String::new());
    }
    Ok(lines)
}

/// Ends a line, dropping its trailing spaces; a line of nothing but
/// spaces is dropped.
fn push_line(lines: &mut Vec<String>, line: &mut String) {
    let finished = std::mem::take(line);
    let trimmed = finished.trim_end();
    if !trimmed.is_empty() {
        lines.push(trimmed.to_owned());
    }
}

/// Splits a unit wider than a line into full lines and the rest.
fn cut_to_width(
    shaper: &Shaper<'_>,
    unit: &str,
    width_em: f32,
) -> Result<(Vec<String>, String), RenderError> {
    let mut full = Vec::new();
    let mut current = String::new();
    let mut current_em = 0.0;
    for character in unit.chars() {
        let character_em = shaper.width_em(character.encode_utf8(&mut [0; 4]))?;
        if current_em + character_em > width_em && !current.is_empty() {
            full.push(std::mem::take(&mut current));
            current_em = 0.0;
        }
        current.push(character);
        current_em += character_em;
    }
    Ok((full, current))
}

/// The pieces a line may break between: a Chinese character, a Latin word,
/// or a space, with punctuation glued to its neighbour.
fn units(text: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut glue_next = false;
    for character in text.chars() {
        let joins_previous = glue_next
            || CLOSING.contains(character)
            || !breaks_around(character) && ends_in_word(units.last());
        match units.last_mut() {
            Some(last) if joins_previous => last.push(character),
            _ => units.push(character.to_string()),
        }
        glue_next = OPENING.contains(character);
    }
    units
}

/// True for characters a line may break before and after: ideographs and
/// full-width forms, and spaces.
fn breaks_around(character: char) -> bool {
    character.is_whitespace() || character >= '\u{2E80}'
}

/// True when the last unit ends in a Latin word character, so the next
/// one continues the word.
fn ends_in_word(last: Option<&String>) -> bool {
    last.and_then(|unit| unit.chars().last())
        .is_some_and(|character| !breaks_around(character))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_breaks_between_characters_and_latin_between_words() {
        assert_eq!(
            units("借款 loan 100.00"),
            ["借", "款", " ", "loan", " ", "100.00"]
        );
    }

    #[test]
    fn closing_punctuation_stays_with_what_it_closes() {
        assert_eq!(units("钢材，铝材。"), ["钢", "材，", "铝", "材。"]);
    }

    #[test]
    fn opening_punctuation_stays_with_what_it_opens() {
        assert_eq!(units("（盖章）"), ["（盖", "章）"]);
    }

    #[test]
    fn control_characters_become_spaces_but_line_feeds_stay() {
        assert_eq!(clean("a\tb\r\nc"), "a b\nc");
    }
}
