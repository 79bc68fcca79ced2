"""The caption vocabulary and the word-level tokenizer built from it (no download: the `tokenizers` library).

The model only ever saw captions made of these words, so a word-level tokenizer is exact: every word the model
knows is one token, and any other word becomes `<unk>` (a prompt like "cinematic office" degrades to the
family-agnostic mean look instead of crashing).
"""
from __future__ import annotations

import re
from pathlib import Path

from .procedural import DENSITIES, DIRECTIONS, FAMILY_PHRASES, SOFTNESS, SPEEDS

PAD, EOS, UNK = "<pad>", "</s>", "<unk>"
# Words that users commonly add around the caption words; known to the tokenizer so they map to their own ids
# (the encoder learns to give them little weight) rather than all collapsing into <unk>.
EXTRA_WORDS = ("a", "an", "the", "of", "and", "with", "in", "on", "background", "backdrop", "abstract", "calm",
               "gentle", "moving", "motion", "loop", "footage", "video", "light", "lights", "brand", "colors",
               "colours", "color", "colour", "smooth", "subtle", "blurry", "blur")
MAX_TOKENS = 32


def caption_words() -> list[str]:
    """Every word any caption can contain, in a stable order."""
    texts = [w for phrases in FAMILY_PHRASES.values() for w in phrases]
    texts += list(SPEEDS) + list(DIRECTIONS) + list(DENSITIES) + list(SOFTNESS) + list(EXTRA_WORDS)
    words: list[str] = []
    for text in texts:
        for word in split_words(text):
            if word not in words:
                words.append(word)
    return words


def split_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|[^\sa-z]", text.lower())


def build_tokenizer():
    """A transformers fast tokenizer (word level, lowercase, `</s>` appended, `<unk>` for unknown words)."""
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordLevel
    from transformers import PreTrainedTokenizerFast

    vocab = {PAD: 0, EOS: 1, UNK: 2}
    for word in caption_words() + [",", "."]:
        vocab.setdefault(word, len(vocab))
    tok = Tokenizer(WordLevel(vocab=vocab, unk_token=UNK))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(single=f"$A {EOS}", special_tokens=[(EOS, vocab[EOS])])
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token=PAD, eos_token=EOS, unk_token=UNK,
                                   model_max_length=MAX_TOKENS)


def save_tokenizer(folder: Path) -> None:
    build_tokenizer().save_pretrained(str(folder))
