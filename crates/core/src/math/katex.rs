//! TeX as written for KaTeX, rewritten into what pulldown-latex reads.
//!
//! pulldown-latex follows KaTeX closely, but a few dozen of KaTeX's
//! functions are missing (`\ket`, `\argmax`, `\boxed`, `\bm`, `\choose`,
//! `\\` outside an environment, `\newcommand`, ...). Each is rewritten here
//! into commands it has, with the same meaning and nearly the same look;
//! `tests/math_coverage.rs` measures the result on a corpus of formulas.
//! Nothing is evaluated: the rewrite only moves text around, and its output
//! is bounded by a small multiple of its input.

/// A KaTeX command pulldown-latex lacks: its name, how many arguments it
/// takes, and what it becomes (`#1`, `#2` stand for the arguments).
const REWRITES: &[(&str, usize, &str)] = &[
    // Physics (KaTeX's braket functions).
    ("ket", 1, r"\left|#1\right\rangle "),
    ("bra", 1, r"\left\langle #1\right|"),
    ("braket", 1, r"\left\langle #1\right\rangle "),
    ("Ket", 1, r"\left|#1\right\rangle "),
    ("Bra", 1, r"\left\langle #1\right|"),
    ("Braket", 1, r"\left\langle #1\right\rangle "),
    ("set", 1, r"\{#1\}"),
    ("Set", 1, r"\left\{#1\right\}"),
    // Operators KaTeX defines as macros.
    // (pulldown-latex 0.8 writes the argument of `\operatorname*` and
    // `\mathop` out as text: they become their unstarred, plain forms, and
    // the thin space in an operator's name is the character, U+2009.)
    ("argmax", 0, "\\operatorname{arg\u{2009}max}"),
    ("argmin", 0, "\\operatorname{arg\u{2009}min}"),
    ("varliminf", 0, r"\underline{\mathrm{lim}}"),
    ("varlimsup", 0, r"\overline{\mathrm{lim}}"),
    ("injlim", 0, "\\operatorname{inj\u{2009}lim}"),
    ("projlim", 0, "\\operatorname{proj\u{2009}lim}"),
    ("mathop", 1, r"{#1}"),
    // Modular arithmetic as amsmath spaces it (`\bmod` and `\pmod` are pulldown-latex's own).
    ("mod", 0, r"\quad\operatorname{mod}\, "),
    ("pod", 1, r"\quad(#1)"),
    // Fonts under their other names.
    ("bm", 1, r"\boldsymbol{#1}"),
    ("pmb", 1, r"\boldsymbol{#1}"),
    ("bold", 1, r"\mathbf{#1}"),
    ("mathscr", 1, r"\mathcal{#1}"),
    ("frak", 1, r"\mathfrak{#1}"),
    ("Bbb", 1, r"\mathbb{#1}"),
    ("emph", 1, r"\textit{#1}"),
    // Symbols under their other names.
    ("lang", 0, r"\langle "),
    ("rang", 0, r"\rangle "),
    ("llbracket", 0, r"[\![ "),
    ("rrbracket", 0, r"]\!] "),
    ("minuso", 0, r"\mathbin{\ominus}"),
    ("space", 0, r"\ "),
    // Arrows with text over them.
    ("xRightarrow", 1, r"\overset{#1}{\Longrightarrow}"),
    ("xLeftarrow", 1, r"\overset{#1}{\Longleftarrow}"),
    ("xLeftrightarrow", 1, r"\overset{#1}{\Longleftrightarrow}"),
    ("xleftrightarrow", 1, r"\overset{#1}{\longleftrightarrow}"),
    ("xhookrightarrow", 1, r"\overset{#1}{\hookrightarrow}"),
    ("xhookleftarrow", 1, r"\overset{#1}{\hookleftarrow}"),
    ("xmapsto", 1, r"\overset{#1}{\longmapsto}"),
    // Decorations MathML Core cannot draw: the content stays, the decoration goes.
    ("boxed", 1, r"{#1}"),
    ("fbox", 1, r"\text{#1}"),
    ("bcancel", 1, r"\cancel{#1}"),
    ("xcancel", 1, r"\cancel{#1}"),
    ("sout", 1, r"\text{#1}"),
    ("overlinesegment", 1, r"\overline{#1}"),
    ("underlinesegment", 1, r"\underline{#1}"),
    ("utilde", 1, r"\underset{\sim}{#1}"),
    // Boxes and overlaps: their content, in text or math as KaTeX sets it.
    ("mbox", 1, r"\text{#1}"),
    ("hbox", 1, r"\text{#1}"),
    ("raisebox", 2, r"\text{#2}"),
    ("mathclap", 1, r"{#1}"),
    ("mathllap", 1, r"{#1}"),
    ("mathrlap", 1, r"{#1}"),
    ("clap", 1, r"{#1}"),
    ("llap", 1, r"{#1}"),
    ("rlap", 1, r"{#1}"),
    // Invisible boxes: left out.
    ("phantom", 1, ""),
    ("hphantom", 1, ""),
    ("vphantom", 1, ""),
    // Equation numbers: shown after the formula, unnumbered ones as written.
    ("tag", 1, r"\qquad (#1)"),
    ("nonumber", 0, ""),
    ("notag", 0, ""),
    // Size switches: the formula keeps the surrounding size.
    ("tiny", 0, ""),
    ("scriptsize", 0, ""),
    ("footnotesize", 0, ""),
    ("small", 0, ""),
    ("normalsize", 0, ""),
    ("large", 0, ""),
    ("Large", 0, ""),
    ("LARGE", 0, ""),
    ("huge", 0, ""),
    ("Huge", 0, ""),
];

/// Infix commands, written between their two operands in a group.
const INFIX: &[(&str, &str)] = &[
    ("choose", r"\binom"),
    ("over", r"\frac"),
    ("atop", r"\substack"),
    ("brack", r"\brack"),
    ("brace", r"\brace"),
];

/// How deep the rewrite follows nested groups; the caller refuses deeper TeX.
const MAX_DEPTH: usize = 48;

/// `tex` with every KaTeX command pulldown-latex lacks rewritten. A formula
/// with `\\` outside any environment (a line break, as KaTeX allows in
/// inline math) is set as a `gathered` block.
pub fn rewrite(tex: &str) -> String {
    let mut out = group(tex, 0);
    if has_top_level_newline(&out) {
        let env = if out.contains('&') {
            "aligned"
        } else {
            "gathered"
        };
        out = format!(r"\begin{{{env}}}{out}\end{{{env}}}");
    }
    out
}

/// Rewrites the content of one group (or the whole formula).
fn group(tex: &str, depth: usize) -> String {
    if depth > MAX_DEPTH {
        return tex.to_string();
    }
    if let Some(infix) = split_infix(tex) {
        return infix_form(infix, depth);
    }
    let mut out = String::with_capacity(tex.len() + 16);
    let mut rest = tex;
    while let Some(c) = rest.chars().next() {
        match c {
            '\\' => {
                let (name, after) = control_sequence(rest);
                rest = after;
                match name {
                    "newcommand" | "renewcommand" | "providecommand" => {
                        rest = definition(rest, &mut out, depth);
                    }
                    "gdef" | "xdef" | "edef" => out.push_str(r"\def"),
                    "operatorname" => {
                        // Its name is read as text: spaces as characters, no commands.
                        let (name, after) = argument(rest.strip_prefix('*').unwrap_or(rest));
                        out.push_str(r"\operatorname{");
                        out.push_str(&operator_name(name));
                        out.push('}');
                        rest = after;
                    }
                    "verb" => rest = verb(rest, &mut out),
                    _ => match REWRITES.iter().find(|(n, _, _)| *n == name) {
                        Some((_, arity, template)) => {
                            let mut args = Vec::with_capacity(*arity);
                            for _ in 0..*arity {
                                let (arg, after) = argument(rest);
                                args.push(group(arg, depth + 1));
                                rest = after;
                            }
                            out.push_str(&fill(template, &args));
                        }
                        None => {
                            out.push('\\');
                            out.push_str(name);
                        }
                    },
                }
            }
            '{' => {
                let (inner, after) = braced(rest);
                let closed = rest.len() - after.len() == inner.len() + 2;
                out.push('{');
                out.push_str(&group(inner, depth + 1));
                if closed {
                    out.push('}');
                }
                rest = after;
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// `\newcommand{\name}[n]{body}` (or `\newcommand\name...`), as the `\def`
/// pulldown-latex reads: `\def\name#1#2{body}`. Returns the text after it.
fn definition<'a>(rest: &'a str, out: &mut String, depth: usize) -> &'a str {
    let (name, mut rest) = argument(rest);
    let name = name.trim();
    let mut params = 0;
    let trimmed = rest.trim_start();
    if let Some(inner) = trimmed.strip_prefix('[') {
        if let Some((n, after)) = inner.split_once(']') {
            params = n.trim().parse::<usize>().unwrap_or(0).min(9);
            rest = after;
        }
    }
    let (body, after) = argument(rest);
    out.push_str(r"\def");
    out.push_str(name);
    for i in 1..=params {
        out.push_str(&format!("#{i}"));
    }
    out.push('{');
    out.push_str(&group(body, depth + 1));
    out.push('}');
    after
}

/// An operator's name as the text pulldown-latex shows: TeX spaces as
/// Unicode ones, `\mathrm{…}` and other commands reduced to their letters.
fn operator_name(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(c) = rest.chars().next() {
        match c {
            '\\' => {
                let (name, after) = control_sequence(rest);
                match name {
                    "," | ":" | ">" | ";" | " " | "thinspace" => out.push('\u{2009}'),
                    "!" | "negthinspace" => {}
                    "_" | "&" | "#" | "%" | "$" => out.push_str(name),
                    _ => {}
                }
                rest = after;
            }
            '{' | '}' => rest = &rest[1..],
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// `\verb|text|` as `\texttt{text}`.
fn verb<'a>(rest: &'a str, out: &mut String) -> &'a str {
    let Some(delim) = rest.chars().next() else {
        return rest;
    };
    let body = &rest[delim.len_utf8()..];
    let (text, after) = body.split_once(delim).unwrap_or((body, ""));
    out.push_str(r"\texttt{");
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '{' | '}' | '$' | '&' | '#' | '^' | '_' | '%' | '~'
        ) {
            out.push_str(&format!(r"\char{}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('}');
    after
}

/// The control sequence at the start of `s` (which starts with `\`): its
/// name (letters, or one other character) and the text after it.
fn control_sequence(s: &str) -> (&str, &str) {
    let body = &s[1..];
    let letters = body
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(body.len(), |(i, _)| i);
    let len = if letters > 0 {
        letters
    } else {
        body.chars().next().map_or(0, char::len_utf8)
    };
    (&body[..len], &body[len..])
}

/// One argument: a braced group's content, or a single token. Returns it and the text after.
fn argument(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.chars().next() {
        Some('{') => braced(s),
        Some('\\') => {
            let (name, after) = control_sequence(s);
            (&s[..1 + name.len()], after)
        }
        Some(c) => (&s[..c.len_utf8()], &s[c.len_utf8()..]),
        None => ("", ""),
    }
}

/// The content of the `{…}` group `s` starts with, and the text after its
/// `}` (all of `s` when it is not closed).
fn braced(s: &str) -> (&str, &str) {
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return (&s[1..i], &s[i + 1..]);
                }
            }
            _ => {}
        }
    }
    (&s[1..], "")
}

/// Puts `args` in place of `#1`, `#2`, … in `template`.
fn fill(template: &str, args: &[String]) -> String {
    let mut out = template.to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("#{}", i + 1), arg);
    }
    out
}

/// A group written with an infix command: the text before it, the
/// command's replacement, and the text after.
struct Infix<'a> {
    left: &'a str,
    command: &'static str,
    right: &'a str,
}

fn split_infix(tex: &str) -> Option<Infix<'_>> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < tex.len() {
        let rest = &tex[i..];
        let c = rest.chars().next()?;
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '\\' => {
                let (name, _) = control_sequence(rest);
                if depth == 0 {
                    if let Some((_, command)) = INFIX.iter().find(|(n, _)| *n == name) {
                        return Some(Infix {
                            left: &tex[..i],
                            command,
                            right: &tex[i + 1 + name.len()..],
                        });
                    }
                }
                i += 1 + name.len().max(1);
                continue;
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    None
}

fn infix_form(infix: Infix<'_>, depth: usize) -> String {
    let left = group(infix.left, depth + 1);
    let right = group(infix.right, depth + 1);
    match infix.command {
        r"\substack" => format!(r"\substack{{{left}\\{right}}}"),
        r"\brack" => format!(r"\left[\substack{{{left}\\{right}}}\right]"),
        r"\brace" => format!(r"\left\{{\substack{{{left}\\{right}}}\right\}}"),
        command => format!("{command}{{{left}}}{{{right}}}"),
    }
}

/// Whether `\\` appears outside every `\begin…\end` environment and group.
fn has_top_level_newline(tex: &str) -> bool {
    let (mut envs, mut braces) = (0usize, 0usize);
    let mut rest = tex;
    while let Some(c) = rest.chars().next() {
        match c {
            '{' => braces += 1,
            '}' => braces = braces.saturating_sub(1),
            '\\' => {
                let (name, after) = control_sequence(rest);
                match name {
                    "begin" => envs += 1,
                    "end" => envs = envs.saturating_sub(1),
                    "\\" if envs == 0 && braces == 0 => return true,
                    _ => {}
                }
                rest = after;
                continue;
            }
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_commands_become_ones_pulldown_latex_has() {
        assert_eq!(rewrite(r"\ket{\psi}"), r"\left|\psi\right\rangle ");
        assert_eq!(
            rewrite(r"\argmax_x f"),
            "\\operatorname{arg\u{2009}max}_x f"
        );
        assert_eq!(
            rewrite(r"\operatorname*{lim\,sup}"),
            "\\operatorname{lim\u{2009}sup}"
        );
        assert_eq!(
            rewrite(r"\operatorname{\mathrm{soft}max}"),
            r"\operatorname{softmax}"
        );
        assert_eq!(
            rewrite(r"\bm x + \bm{\theta}"),
            r"\boldsymbol{x} + \boldsymbol{\theta}"
        );
        assert_eq!(rewrite(r"\boxed{\ket{0}}"), r"{\left|0\right\rangle }");
        assert_eq!(rewrite(r"\raisebox{1pt}{up}"), r"\text{up}");
    }

    #[test]
    fn infix_commands_take_their_group() {
        assert_eq!(rewrite(r"{n \choose k}"), r"{\binom{n }{ k}}");
        assert_eq!(rewrite(r"a \over b"), r"\frac{a }{ b}");
        assert_eq!(rewrite(r"x + {a \atop b}"), r"x + {\substack{a \\ b}}");
    }

    #[test]
    fn line_breaks_outside_environments_become_a_block() {
        assert_eq!(rewrite(r"a \\ b"), r"\begin{gathered}a \\ b\end{gathered}");
        assert_eq!(
            rewrite(r"a &= b \\ &= c"),
            r"\begin{aligned}a &= b \\ &= c\end{aligned}"
        );
        let env = r"\begin{cases} a \\ b \end{cases}";
        assert_eq!(rewrite(env), env);
    }

    #[test]
    fn definitions_become_def() {
        assert_eq!(
            rewrite(r"\newcommand{\bx}{\mathbf{x}}\bx"),
            r"\def\bx{\mathbf{x}}\bx"
        );
        assert_eq!(
            rewrite(r"\renewcommand{\v}[2]{#1_#2}"),
            r"\def\v#1#2{#1_#2}"
        );
        assert_eq!(rewrite(r"\gdef\E{\mathbb{E}}"), r"\def\E{\mathbb{E}}");
    }

    #[test]
    fn verb_is_typewriter_text() {
        assert_eq!(rewrite(r"\verb|a_b|"), r"\texttt{a\char95b}");
    }

    #[test]
    fn unclosed_groups_and_dangling_commands_do_not_panic() {
        for tex in [
            r"{",
            r"}",
            r"\ket",
            r"\ket{",
            r"\raisebox{",
            r"\verb",
            r"\newcommand",
            r"\\",
            r"\over",
            r"{\choose}",
        ] {
            let _ = rewrite(tex);
        }
    }
}
