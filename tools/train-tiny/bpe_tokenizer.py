"""CLIP's byte-level BPE tokenizer: encoding (exactly openai/CLIP's SimpleTokenizer.bpe) and
learning a small vocabulary in CLIP's file format (vocab.json + merges.txt).

Vocabulary layout, as CLIP's: the 256 byte-unicode characters (bytes_to_unicode order), the
same 256 with '</w>' appended, one token per merge in merge order, then '<|startoftext|>' and
'<|endoftext|>' as the last two ids. merges.txt: '#version: 0.2' then one 'a b' per line.

Differences from CLIP's text pipeline: ftfy.fix_text is not applied (not installed here) and
the pre-tokenizer regex is emulated with unicodedata categories (Python's re has no \\p{L});
for the ASCII captions used here both are exact.

Self-test against the real CLIP vocabulary: python3 bpe_tokenizer.py --selftest
"""
import argparse
import html
import json
import os
import re
import unicodedata
from collections import Counter

BOS, EOS = "<|startoftext|>", "<|endoftext|>"
MAX_LENGTH = 77


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(2 ** 8):
        if b not in bs:
            bs.append(b)
            cs.append(2 ** 8 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def get_pairs(word):
    return {(word[i], word[i + 1]) for i in range(len(word) - 1)}


def basic_clean(text):
    # CLIP: ftfy.fix_text(text) first (not available here); then html.unescape twice.
    return html.unescape(html.unescape(text)).strip()


def whitespace_clean(text):
    return re.sub(r"\s+", " ", text).strip()


_CONTRACTIONS = ("'s", "'t", "'re", "'ve", "'m", "'ll", "'d")


def _cat(ch):
    return unicodedata.category(ch)[0]


def pre_tokenize(text):
    """Emulates re.findall(CLIP's pattern, text) on lower-cased text:
    <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        special = next((s for s in (BOS, EOS) if text.startswith(s, i)), None)
        contraction = next((c for c in _CONTRACTIONS if text.startswith(c, i)), None)
        if special:
            out.append(special)
            i += len(special)
        elif contraction:
            out.append(contraction)
            i += len(contraction)
        elif _cat(ch) == "L":
            j = i
            while j < n and _cat(text[j]) == "L":
                j += 1
            out.append(text[i:j])
            i = j
        elif _cat(ch) == "N":
            out.append(ch)
            i += 1
        elif ch.isspace():
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and _cat(text[j]) not in "LN":
                j += 1
            out.append(text[i:j])
            i = j
    return out


def merge_word(word, first, second):
    """One merge applied left to right, exactly as in CLIP's bpe()."""
    new_word, i = [], 0
    while i < len(word):
        try:
            j = word.index(first, i)
        except ValueError:
            new_word.extend(word[i:])
            break
        new_word.extend(word[i:j])
        i = j
        if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
            new_word.append(first + second)
            i += 2
        else:
            new_word.append(word[i])
            i += 1
    return tuple(new_word)


def initial_word(token):
    return tuple(token[:-1]) + (token[-1] + "</w>",)


class CLIPBPETokenizer:
    def __init__(self, vocab, merges):
        self.encoder = dict(vocab)
        self.decoder = {v: k for k, v in self.encoder.items()}
        self.bpe_ranks = {tuple(m): i for i, m in enumerate(merges)}
        self.byte_encoder = bytes_to_unicode()
        self.bos_id, self.eos_id = self.encoder[BOS], self.encoder[EOS]
        self.pad_id = self.eos_id
        self.cache = {BOS: BOS, EOS: EOS}

    @classmethod
    def load(cls, folder):
        with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as f:
            vocab = json.load(f)
        with open(os.path.join(folder, "merges.txt"), encoding="utf-8") as f:
            lines = f.read().strip().split("\n")
        merges = [tuple(line.split()) for line in lines[1:] if line]  # skip '#version: 0.2'
        return cls(vocab, merges)

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = initial_word(token)
        pairs = get_pairs(word)
        if not pairs:
            return token + "</w>"
        while True:
            bigram = min(pairs, key=lambda p: self.bpe_ranks.get(p, float("inf")))
            if bigram not in self.bpe_ranks:
                break
            word = merge_word(word, *bigram)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        out = " ".join(word)
        self.cache[token] = out
        return out

    def tokenize(self, text):
        text = whitespace_clean(basic_clean(text)).lower()
        tokens = []
        for piece in pre_tokenize(text):
            piece = "".join(self.byte_encoder[b] for b in piece.encode("utf-8"))
            tokens.extend(self.bpe(piece).split(" "))
        return tokens

    def encode(self, text):
        """Token ids without BOS/EOS (CLIP's SimpleTokenizer.encode)."""
        return [self.encoder[t] for t in self.tokenize(text)]

    def __call__(self, text, max_length=MAX_LENGTH):
        """SD 1.x text-encoder input: [BOS] + ids[:75] + [EOS], padded with EOS to 77."""
        ids = [self.bos_id] + self.encode(text)[: max_length - 2] + [self.eos_id]
        return ids + [self.pad_id] * (max_length - len(ids))


def learn_bpe(texts):
    """Learns merges on the words of `texts` until every word is a single token.
    Returns (vocab dict token->id, merges list of pairs)."""
    byte_encoder = bytes_to_unicode()
    counts = Counter()
    for text in texts:
        for piece in pre_tokenize(whitespace_clean(basic_clean(text)).lower()):
            counts["".join(byte_encoder[b] for b in piece.encode("utf-8"))] += 1
    words = {w: initial_word(w) for w in counts}
    merges = []
    while True:
        pair_counts = Counter()
        for w, seq in words.items():
            for i in range(len(seq) - 1):
                pair_counts[(seq[i], seq[i + 1])] += counts[w]
        if not pair_counts:
            break
        # most frequent pair; ties broken by the pair's text, so the result is deterministic
        best = min(pair_counts, key=lambda p: (-pair_counts[p], p))
        merges.append(best)
        words = {w: merge_word(seq, *best) for w, seq in words.items()}
    base = list(byte_encoder.values())
    tokens = base + [t + "</w>" for t in base] + ["".join(m) for m in merges] + [BOS, EOS]
    assert len(set(tokens)) == len(tokens), "a merge produced a duplicate token"
    vocab = {t: i for i, t in enumerate(tokens)}
    tok = CLIPBPETokenizer(vocab, merges)
    for w in words:  # CLIP's encoder must give one token per word
        assert tok.bpe(w) == w + "</w>", (w, tok.bpe(w))
    return vocab, merges


def special_tokens_map():
    def added(content):
        return {"content": content, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False}
    return {"bos_token": added(BOS), "eos_token": added(EOS), "pad_token": EOS, "unk_token": added(EOS)}


def tokenizer_config():
    def added(content):
        return {"__type": "AddedToken", "content": content, "lstrip": False, "normalized": True,
                "rstrip": False, "single_word": False}
    return {
        "add_prefix_space": False,
        "bos_token": added(BOS),
        "do_lower_case": True,
        "eos_token": added(EOS),
        "errors": "replace",
        "model_max_length": MAX_LENGTH,
        "name_or_path": "latentflow/tiny-shapes",
        "pad_token": EOS,
        "special_tokens_map_file": "./special_tokens_map.json",
        "tokenizer_class": "CLIPTokenizer",
        "unk_token": added(EOS),
    }


def save_tokenizer(folder, vocab, merges):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump(tokenizer_config(), f, indent=2)
    with open(os.path.join(folder, "special_tokens_map.json"), "w") as f:
        json.dump(special_tokens_map(), f, indent=2)


def selftest(clip_dir, cases_path):
    """Checks the encoder against OpenAI CLIP's reference ids (cases that do not need ftfy)."""
    tok = CLIPBPETokenizer.load(clip_dir)
    byte_vocab = list(bytes_to_unicode().values())
    assert [k for k, _ in sorted(tok.encoder.items(), key=lambda kv: kv[1])[:512]] == byte_vocab + [b + "</w>" for b in byte_vocab]
    with open(cases_path) as f:
        cases = json.load(f)["cases"]
    ok = skipped = 0
    for c in cases:
        if c["category"] in ("ftfy_fixups",) or c["text"] != c.get("normalized", c["text"]) and not c["text"].isascii():
            skipped += 1
            continue
        got = tok.encode(c["text"])
        if got == c["ids"] and tok(c["text"]) == c["input_ids_77"]:
            ok += 1
        else:
            print("MISMATCH", c["id"], repr(c["text"]), got[:20], c["ids"][:20])
    print(f"tokenizer selftest: {ok} ok, {len(cases) - ok - skipped} mismatches, {skipped} skipped (ftfy)")
    return ok + skipped == len(cases)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--clip", default="/work/shared/clip-tokenizer")
    ap.add_argument("--cases", default="/work/shared/reference/tokenizer_cases_public.json")
    a = ap.parse_args()
    if a.selftest:
        raise SystemExit(0 if selftest(a.clip, a.cases) else 1)
