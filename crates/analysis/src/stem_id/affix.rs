//! Affix analysis for the Indonesian stemmer: Enhanced Confix Stripping (ECS)
//! rules, run as a small search whose every candidate root is checked
//! against the dictionary.
//!
//! Everything here works on ASCII lowercase bytes (the caller guarantees
//! it), so slicing never splits a character, and candidates are built in a
//! fixed stack buffer: the hot path does not allocate.

/// Longest word (in bytes) that affix stripping looks at.
pub(crate) const MAX_WORD: usize = 48;

/// Shortest root accepted after removing a prefix (`di` + `es` is not a word).
const MIN_ROOT_PREFIXED: usize = 3;
/// Shortest root accepted after removing only suffixes: `bali` is not `bal` + `i`.
const MIN_ROOT_SUFFIX_ONLY: usize = 4;
/// Prefixes removed at most (ECS: three, e.g. `di-per-ke-…`).
const MAX_PREFIXES: usize = 3;

/// A candidate word in a stack buffer.
#[derive(Clone, Copy)]
pub(crate) struct Buf {
    len: usize,
    data: [u8; MAX_WORD + 2],
}

impl Buf {
    /// `head` followed by `tail`, or `None` if it does not fit.
    pub(crate) fn new(head: &[u8], tail: &[u8]) -> Option<Buf> {
        let len = head.len() + tail.len();
        if len > MAX_WORD + 2 {
            return None;
        }
        let mut data = [0u8; MAX_WORD + 2];
        data[..head.len()].copy_from_slice(head);
        data[head.len()..len].copy_from_slice(tail);
        Some(Buf { len, data })
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.data[..self.len]
    }
}

/// The prefix classes that matter for confix validity and prefix ordering.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pfx {
    Di,
    Ke,
    Se,
    Me,
    Pe,
    Ber,
    Ter,
    Per,
    /// Proclitic `ku-` / `kau-` (`kubaca`).
    Ku,
}

/// The derivational suffix removed, if any.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sfx {
    None,
    I,
    Kan,
    An,
}

/// ECS's disallowed prefix–suffix pairs (be-i, di-an, ke-i, ke-kan, me-an,
/// se-i, se-kan, te-an): `memakan` is not `me-pak-an`.
fn confix_ok(p: Pfx, s: Sfx) -> bool {
    !matches!(
        (p, s),
        (Pfx::Ber, Sfx::I)
            | (Pfx::Di, Sfx::An)
            | (Pfx::Ke, Sfx::I)
            | (Pfx::Ke, Sfx::Kan)
            | (Pfx::Me, Sfx::An)
            | (Pfx::Se, Sfx::I)
            | (Pfx::Se, Sfx::Kan)
            | (Pfx::Ter, Sfx::An)
    )
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// At most one vowel group: the roots that take `menge-`/`penge-` (`bom`, `cek`).
fn monosyllable(s: &[u8]) -> bool {
    let mut groups = 0;
    let mut prev = false;
    for &c in s {
        let v = is_vowel(c);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    groups <= 1
}

fn is_consonant(c: u8) -> bool {
    c.is_ascii_lowercase() && !is_vowel(c)
}

/// Up to four ways of removing one prefix: (class, recoded head, start of the rest).
struct Opts {
    n: usize,
    v: [(Pfx, &'static [u8], usize); 4],
}

impl Opts {
    fn new() -> Self {
        Opts {
            n: 0,
            v: [(Pfx::Di, b"", 0); 4],
        }
    }

    fn push(&mut self, p: Pfx, head: &'static [u8], start: usize) {
        if self.n < self.v.len() {
            self.v[self.n] = (p, head, start);
            self.n += 1;
        }
    }

    fn as_slice(&self) -> &[(Pfx, &'static [u8], usize)] {
        &self.v[..self.n]
    }
}

/// The nasal part shared by `me(N)-` and `pe(N)-` (ECS rules 10-19 and 20-34):
/// `s` starts with `me` or `pe`; pushes the candidate removals in ECS order.
fn nasal_options(s: &[u8], p: Pfx, opts: &mut Opts) {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let v = |i: usize| is_vowel(at(i));
    match at(2) {
        // me{l,r,w,y}V -> me-{l,r,w,y}V ; pe{w,y}V -> pe-{w,y}V ; pelV -> pe-lV
        b'l' | b'r' | b'w' | b'y' if v(3) => {
            if p == Pfx::Pe && at(2) == b'r' {
                // per- is handled by the caller.
                return;
            }
            if p == Pfx::Pe && s[2..].starts_with(b"lajar") {
                // pelajar -> ajar
                opts.push(p, b"", 3);
            }
            opts.push(p, b"", 2);
        }
        b'm' => {
            match at(3) {
                // mem{b,f,v} -> mem-{b,f,v}
                b'b' | b'f' | b'v' => opts.push(p, b"", 3),
                // mempe -> mem-pe, mempV -> mem-pV (`memperbaiki`, `mempunyai`)
                b'p' if p == Pfx::Me => opts.push(p, b"", 3),
                // mem{rV|V} -> me-m{rV|V} | me-p{rV|V}
                c if is_vowel(c) || (c == b'r' && v(4)) => {
                    opts.push(p, b"", 2);
                    opts.push(p, b"p", 3);
                }
                _ => {}
            }
        }
        b'n' => match at(3) {
            b'g' => match at(4) {
                // meng{g,h,q,k} -> meng-
                b'g' | b'h' | b'q' | b'k' => opts.push(p, b"", 4),
                // mengV -> meng-V | meng-kV ; menge-C for one-syllable roots (`mengebom`)
                c if is_vowel(c) => {
                    opts.push(p, b"", 4);
                    opts.push(p, b"k", 4);
                    if c == b'e' && is_consonant(at(5)) && monosyllable(&s[5..]) {
                        opts.push(p, b"", 5);
                    }
                }
                _ => {}
            },
            // menyV -> meny-sV | me-nyV
            b'y' if v(4) => {
                opts.push(p, b"s", 4);
                opts.push(p, b"", 2);
            }
            // men{c,d,j,s,t,z} -> men-
            b'c' | b'd' | b'j' | b's' | b't' | b'z' => opts.push(p, b"", 3),
            // menV -> me-nV | me-tV
            c if is_vowel(c) => {
                opts.push(p, b"", 2);
                opts.push(p, b"t", 3);
            }
            _ => {}
        },
        // peC... -> pe-C... (`pekerja`, `petani`, `pedagang`)
        c if p == Pfx::Pe && is_consonant(c) && !matches!(c, b'r' | b'w' | b'y' | b'l') => {
            opts.push(p, b"", 2);
        }
        _ => {}
    }
}

/// `ber-`, `ter-`, `per-` (ECS rules 1-9, 21-24): `s` starts with `be`/`te`/`pe`.
fn r_prefix_options(s: &[u8], p: Pfx, opts: &mut Opts) {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    if at(2) == b'r' {
        let c3 = at(3);
        if is_vowel(c3) {
            // berV -> ber-V | be-rV (`berubah` = ber-ubah, `perubahan` =
            // per-ubah-an; loses `perawatan`, which is pe-rawat-an)
            opts.push(p, b"", 3);
            opts.push(p, b"", 2);
        } else if is_consonant(c3) && c3 != b'r' {
            // berCAP, berCAerV -> ber-C...
            opts.push(p, b"", 3);
        }
    } else if p == Pfx::Ber && s[2..].starts_with(b"lajar") {
        // belajar -> bel-ajar
        opts.push(p, b"", 3);
    } else if is_consonant(at(2))
        && !matches!(at(2), b'r' | b'l')
        && at(3) == b'e'
        && at(4) == b'r'
        && p != Pfx::Per
    {
        // beC1erC2 -> be-C1erC2 (`bekerja`, `beserta`); teC1erC2 likewise
        opts.push(p, b"", 2);
    }
}

/// All one-prefix removals of `s`, in the order they are tried.
fn prefix_options(s: &[u8], first: bool, opts: &mut Opts) {
    if s.len() < 4 {
        return;
    }
    match (s[0], s[1]) {
        (b'd', b'i') if first => opts.push(Pfx::Di, b"", 2),
        (b'k', b'e') => opts.push(Pfx::Ke, b"", 2),
        (b's', b'e') => opts.push(Pfx::Se, b"", 2),
        (b'k', b'a') if first && s[2] == b'u' => opts.push(Pfx::Ku, b"", 3),
        (b'k', b'u') if first => opts.push(Pfx::Ku, b"", 2),
        (b'm', b'e') if first => nasal_options(s, Pfx::Me, opts),
        (b'p', b'e') => {
            if s[2] == b'r' {
                r_prefix_options(s, Pfx::Per, opts);
            } else {
                nasal_options(s, Pfx::Pe, opts);
            }
        }
        (b'b', b'e') => r_prefix_options(s, Pfx::Ber, opts),
        (b't', b'e') => r_prefix_options(s, Pfx::Ter, opts),
        _ => {}
    }
}

/// The dictionary interface the search needs.
pub(crate) trait Roots {
    fn has(&self, w: &[u8]) -> bool;
}

/// Remove up to three prefixes from `s` (whose derivational suffix `sfx`
/// was already removed), checking the dictionary after every removal.
/// Breadth first at each level: all one-prefix readings are checked before
/// any of them is stripped further.
fn strip_prefixes<R: Roots>(
    roots: &R,
    s: &[u8],
    sfx: Sfx,
    depth: usize,
    prev: Option<Pfx>,
    outer: Option<Pfx>,
    max_depth: usize,
) -> Option<Buf> {
    let mut opts = Opts::new();
    prefix_options(s, depth == 0, &mut opts);
    let mut cands: [Option<(Pfx, Buf)>; 4] = [None; 4];
    for (i, &(p, head, start)) in opts.as_slice().iter().enumerate() {
        if prev == Some(p) {
            continue;
        }
        let outer_p = outer.unwrap_or(p);
        if !confix_ok(outer_p, sfx) {
            continue;
        }
        let Some(tail) = s.get(start..) else { continue };
        let Some(buf) = Buf::new(head, tail) else {
            continue;
        };
        if buf.len < MIN_ROOT_PREFIXED {
            continue;
        }
        if roots.has(buf.as_bytes()) {
            return Some(buf);
        }
        cands[i] = Some((p, buf));
    }
    if depth + 1 >= max_depth {
        return None;
    }
    for (p, buf) in cands.iter().flatten() {
        let outer_p = outer.unwrap_or(*p);
        if let Some(r) = strip_prefixes(
            roots,
            buf.as_bytes(),
            sfx,
            depth + 1,
            Some(*p),
            Some(outer_p),
            max_depth,
        ) {
            return Some(r);
        }
    }
    None
}

/// Remove prefixes (up to three) from `s`, whose suffix `sfx` is gone.
fn prefixes<R: Roots>(roots: &R, s: &[u8], sfx: Sfx) -> Option<Buf> {
    strip_prefixes(roots, s, sfx, 0, None, None, MAX_PREFIXES)
}

/// Try `b` minus its last `cut` bytes as a root (suffix only) or with prefixes.
fn with_suffix<R: Roots>(roots: &R, b: &[u8], cut: usize, sfx: Sfx) -> Option<Buf> {
    let c = b.get(..b.len().checked_sub(cut)?)?;
    if c.len() < MIN_ROOT_PREFIXED {
        return None;
    }
    if c.len() >= MIN_ROOT_SUFFIX_ONLY && roots.has(c) {
        return Buf::new(c, b"");
    }
    prefixes(roots, c, sfx)
}

/// Whether `b` starts like a verb prefix (me-, di-, be-, te-): such words
/// take -kan (`berikan` = beri-kan); others are nouns in -an
/// (`penarikan` = pe-tarik-an, `gerakan` = gerak-an).
fn verbal(b: &[u8]) -> bool {
    matches!(b.get(..2), Some(b"me" | b"di" | b"be" | b"te"))
}

/// Try derivational suffixes (-kan, -an, -i) on `b`, then prefixes without one.
fn derive<R: Roots>(roots: &R, b: &[u8]) -> Option<Buf> {
    let kan = b.ends_with(b"kan");
    let an = b.ends_with(b"an");
    let i = b.ends_with(b"i");

    // ECS precedence adjustment: before removing -i (any prefix) or -an
    // (after be-), try one prefix alone, so that `membeli` is beli (not
    // bel-i), `berperan` is peran and `berbadan` is badan. Not for pe-/ke-
    // with -an (`pembelian` is beli, not belian) nor for -kan (`berikan`
    // is beri-kan, not ber-ikan).
    if (an && !kan && b.starts_with(b"be")) || i {
        if let Some(r) = strip_prefixes(roots, b, Sfx::None, 0, None, None, 1) {
            return Some(r);
        }
    }
    if kan {
        let order = if verbal(b) {
            [(3, Sfx::Kan), (2, Sfx::An)]
        } else {
            [(2, Sfx::An), (3, Sfx::Kan)]
        };
        for (cut, sfx) in order {
            if let Some(r) = with_suffix(roots, b, cut, sfx) {
                return Some(r);
            }
        }
    } else if an {
        if let Some(r) = with_suffix(roots, b, 2, Sfx::An) {
            return Some(r);
        }
    } else if i {
        if let Some(r) = with_suffix(roots, b, 1, Sfx::I) {
            return Some(r);
        }
    }
    prefixes(roots, b, Sfx::None)
}

/// Full confix-stripping analysis of a plain ASCII lowercase word that is
/// not itself a root: inflectional particles and possessives first (checking
/// the dictionary after each), then derivational suffix and prefixes, and
/// finally restoring the inflectional suffixes and trying again.
pub(crate) fn analyze<R: Roots>(roots: &R, w: &[u8]) -> Option<Buf> {
    if w.len() > MAX_WORD {
        return None;
    }
    let mut bases = [w.len(); 3];
    let mut nb = 1;
    let mut end = w.len();
    for set in [
        &[&b"lah"[..], b"kah", b"tah", b"pun"][..],
        &[b"nya", b"ku", b"mu"],
    ] {
        let cur = &w[..end];
        if let Some(sfx) = set.iter().find(|s| cur.ends_with(s)) {
            if end - sfx.len() >= MIN_ROOT_PREFIXED {
                end -= sfx.len();
                bases[nb] = end;
                nb += 1;
            }
        }
    }
    // Least stripped first: `melangkah` is langkah, not melang + -kah.
    for &e in &bases[..nb] {
        if e < w.len() && roots.has(&w[..e]) {
            return Buf::new(&w[..e], b"");
        }
        if let Some(r) = derive(roots, &w[..e]) {
            return Some(r);
        }
    }
    None
}

/// Colloquial (Jakarta/social-media) morphology, tried only when the formal
/// analysis found nothing: suffix `-in` (= -kan/-i: `beliin`, `dikatain`)
/// and the bare nasal prefixes `nge-`, `ng-`, `ny-`, `n-`
/// (`ngomong` = omong, `nyindir` = sindir, `nungguin` = tunggu).
/// Roots found this way must be at least four letters (three after `ng-`,
/// five after `n-` → `t-`), which keeps English words (`login`, `cabin`,
/// `nasa`) out.
pub(crate) fn analyze_informal<R: Roots>(roots: &R, w: &[u8]) -> Option<Buf> {
    if w.len() > MAX_WORD {
        return None;
    }
    let mut bases = [w.len(); 3];
    let mut nb = 1;
    let mut end = w.len();
    for set in [&[&b"lah"[..], b"pun"][..], &[b"nya", b"ku", b"mu"]] {
        let cur = &w[..end];
        if let Some(sfx) = set.iter().find(|s| cur.ends_with(s)) {
            if end - sfx.len() >= MIN_ROOT_PREFIXED {
                end -= sfx.len();
                bases[nb] = end;
                nb += 1;
            }
        }
    }
    for &e in &bases[..nb] {
        let b = &w[..e];
        if b.len() >= 2 + MIN_ROOT_PREFIXED && b.ends_with(b"in") {
            let s = &b[..b.len() - 2];
            if s.len() >= MIN_ROOT_SUFFIX_ONLY && roots.has(s) {
                return Buf::new(s, b"");
            }
            if let Some(r) = prefixes(roots, s, Sfx::Kan) {
                return Some(r);
            }
            if let Some(r) = informal_prefix(roots, s) {
                return Some(r);
            }
        }
        if e < w.len() && roots.has(b) {
            return Buf::new(b, b"");
        }
        if let Some(r) = informal_prefix(roots, b) {
            return Some(r);
        }
    }
    None
}

/// `nge-C`, `ng-V`/`ng-kV`, `ny-sV`, `n-tV`.
fn informal_prefix<R: Roots>(roots: &R, s: &[u8]) -> Option<Buf> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let try_root = |head: &[u8], tail: &[u8], min: usize| {
        let b = Buf::new(head, tail)?;
        (b.len >= min && roots.has(b.as_bytes())).then_some(b)
    };
    if s.len() < 4 || at(0) != b'n' {
        return None;
    }
    match at(1) {
        b'g' if at(2) == b'e' && is_consonant(at(3)) => {
            try_root(b"", &s[3..], 3).or_else(|| try_root(b"", &s[2..], MIN_ROOT_SUFFIX_ONLY))
        }
        b'g' if is_vowel(at(2)) => {
            try_root(b"", &s[2..], 3).or_else(|| try_root(b"k", &s[2..], MIN_ROOT_SUFFIX_ONLY))
        }
        b'y' if is_vowel(at(2)) => try_root(b"s", &s[2..], MIN_ROOT_SUFFIX_ONLY),
        c if is_vowel(c) => try_root(b"t", &s[1..], MIN_ROOT_SUFFIX_ONLY + 1),
        _ => None,
    }
}
