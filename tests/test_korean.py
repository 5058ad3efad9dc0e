"""Korean that reads as Korean (issue 30): particles chosen by sound, one word per concept,
technical terms introduced once in English and then said in Korean."""

from __future__ import annotations

import re

import pytest

from visualizer.i18n import CATALOGUE, GLOSSARY, PAIRS, particle, t

# How each value is read, worked by hand: (value, final sound: "" vowel, "ㄹ", or "other").
READINGS = [
    ("0", "other"),  # 영
    ("1", "ㄹ"),  # 일
    ("2", ""),  # 이
    ("3", "other"),  # 삼
    ("4", ""),  # 사
    ("5", ""),  # 오
    ("6", "other"),  # 육
    ("7", "ㄹ"),  # 칠
    ("8", "ㄹ"),  # 팔
    ("9", ""),  # 구
    ("10", "other"),  # 십
    ("100", "other"),  # 백
    ("1000", "other"),  # 천
    ("10000", "other"),  # 만
    ("6,110만", "other"),
    ("7.14억", "other"),
    ("20", "other"),  # 이십
    ("1,200", "other"),  # 천이백
    ("0.3", "other"),  # 영점삼
    ("0.5", ""),  # 영점오
    ("63 x 63", "other"),  # 육십삼
    ("224×224", ""),  # 이백이십사
    ("28×28", "ㄹ"),  # 이십팔
    ("64px", "ㄹ"),  # 픽셀
    ("10 MB", ""),  # 메가바이트
    ("55%", ""),  # 퍼센트
    ("ReLU", ""),  # 렐루
    ("conv1", "ㄹ"),  # 콘브일
    ("conv3", "other"),
    ("MNIST", ""),  # 엠엔아이에스티
    ("LRN", "other"),  # 엘알엔
    ("ResNet", "other"),  # 레즈넷
    ("softmax", ""),  # 소프트맥스
    ("stride", ""),  # 스트라이드
    ("padding", "other"),  # 패딩
    ("pool", "ㄹ"),  # 풀
    ("정규화(LRN)", ""),  # read past the parenthesis: 정규화
    ("연결(concatenate)", "ㄹ"),
    ("tiny.py", ""),  # 타이니 닷 파이
    ("python tiny.py", ""),
    ("alexnet-owt-7be5be79.pth", ""),  # 피티에이치
    ("a.png", ""),  # 피엔지, not the -ng of a word
    ("notes.md", ""),  # 엠디
    ("design.json", "other"),  # 제이슨
    ("take_home.zip", "other"),  # 집
    ("scan.jpg", "other"),  # 제이펙
    ("make test", ""),  # 테스트
    # digits of other scripts, read as their 0-9 (a link's full-width "２２４" crashed a warning)
    ("２２４", ""),  # 이백이십사
    ("１０", "other"),  # 십
    ("٤", ""),  # 사 (Arabic-Indic 4)
    ("①", "ㄹ"),  # 일
    ("x²", ""),  # 이
]
EXPECTED = {  # (final "", "ㄹ", "other") -> the form of each pair
    "이(가)": ("가", "이", "이"), "을(를)": ("를", "을", "을"), "은(는)": ("는", "은", "은"),
    "과(와)": ("와", "과", "과"), "(으)로": ("로", "로", "으로"),
}


@pytest.mark.parametrize(("word", "final"), READINGS)
def test_particle_follows_the_sound(word: str, final: str) -> None:
    column = ("", "ㄹ", "other").index(final)
    for pair in PAIRS:
        assert particle(word, pair) == EXPECTED[pair][column], (word, pair)


def test_values_get_their_particles_in_the_catalogue() -> None:
    """The issue's examples: "패딩 2를" (not 2을), "63 x 63으로" (not 63로)."""
    assert "패딩 2를" in t("err.padded", "ko", p=2, ph=63, pw=63)
    assert "패딩 3을" in t("err.padded", "ko", p=3, ph=63, pw=63)
    assert t("fix.button", "ko", size=63) == "63 × 63으로 바꾸기"
    assert t("fix.button", "ko", size=64) == "64 × 64로 바꾸기"
    # a value no one spelled out: 3 channels is 삼 (이), 2 is 이 (가)
    assert t("queue.channels", "ko", channels=3).endswith("(3이 아니라).")
    assert t("queue.channels", "ko", channels=2).endswith("(2가 아니라).")


KOREAN = {key: ko for key, (_, ko) in CATALOGUE.items()}
PARTICLE = r"(으로|로|을|를|이|가|은|는|와|과)"
END = r"(?=[\s.,:;!?)\]·\"'/]|$)"


def test_a_value_before_a_particle_is_marked() -> None:
    """A value filled in at run time cannot have a fixed particle: it is written {n}을(를) and
    chosen when filled."""
    bare = [key for key, ko in KOREAN.items() if re.search(r"\}[\"']?" + PARTICLE + END, ko)]
    assert not bare, bare


def test_every_fixed_particle_after_a_number_or_latin_word_fits_its_sound() -> None:
    wrong = []
    for key, ko in KOREAN.items():
        text = re.sub(r"\{[^{}]*\}", "", ko)
        word_re = r"([가-힣A-Za-z0-9%×.,-]*\s?\([^()]*\)|[A-Za-z0-9%×.,]*[A-Za-z0-9%])"
        for m in re.finditer(word_re + PARTICLE + END, text):
            word, got = m.group(1), m.group(2)
            if not word or (word[-1] != ")" and re.search(r"[가-힣]$", word)):
                continue
            pair = next(p for p, forms in PAIRS.items() if got in forms)
            if particle(word, pair) != got:
                wrong.append(f"{key}: {word}{got} (should be {particle(word, pair)})")
    assert not wrong, "\n".join(wrong)


def test_a_code_span_takes_its_particle_with_no_space_and_by_its_sound() -> None:
    """The probe: "`python tiny.py` 을 실행하면" read the code as a word apart and .py as if it
    ended in a consonant; it is "`python tiny.py`를" (파이). A code span's particle follows it
    with no space, chosen by how the span ends (a value inside it is checked below, filled)."""
    spaced = [f"{key}: {m.group(0)}" for key, ko in KOREAN.items()
              for m in re.finditer(r"`[^`]+` " + PARTICLE + END, ko)]
    assert not spaced, spaced
    wrong = []
    for key, ko in KOREAN.items():
        for m in re.finditer(r"`([^`{}]+)`" + PARTICLE + END, ko):
            pair = next(p for p, forms in PAIRS.items() if m.group(2) in forms)
            if particle(m.group(1), pair) != m.group(2):
                wrong.append(f"{key}: {m.group(0)}")
    assert not wrong, wrong
    # The spans that end in a value: the builder's code file (<name>.py) and a weights file
    # (<arch>-<hash>.pth), both read 파이 / 에이치, a vowel: 를.
    assert "`python tiny.py`를 실행하면" in t("builder.code.help", "ko", file="tiny.py")
    weights = "alexnet-owt-7be5be79.pth"
    assert f"`{weights}`를 그대로" in t("feat.fetch.by_hand", "ko", url="u", file=weights, folder="f")


# One concept, one word: the word the app uses, and the words it must not.
ONE_WORD = {
    "국소 응답 정규화": ("국소 반응 정규화",),
    "선생님": ("교사",),
    "채널 누적표": ("채널 장부", "장부"),
    "전환 층": ("전이 층", "전이층", "전이"),  # 전이 alone reads as 전이 학습 (transfer learning)
    "지름길 없는": ("평범한",),
    "1순위 정확도": ("top-1 정확도",),  # the comparison's column and axis, and the glossary
}


def test_one_word_per_concept() -> None:
    texts = {**KOREAN, **{f"glossary {g[1]}": f"{g[0]} {g[3]}" for g in GLOSSARY}}
    found = [f"{key}: {bad} (say {good})" for key, ko in texts.items()
             for good, bads in ONE_WORD.items() for bad in bads
             if re.search(rf"(?<![가-힣]){bad}", ko)]  # a word, not a syllable of one: 버전이
    assert not found, "\n".join(found)


def test_the_heatmaps_last_row_is_the_lessons_transition_layer() -> None:
    assert t("sc.r.transition", "ko") == "전환 층"


def test_times_is_a_times_sign_in_korean() -> None:
    """"채널 × 높이 × 너비", "224 × 224", "3×3 합성곱", "FLOPs = 2 × MACs": a Latin x between two words or
    numbers reads as a letter; code (in backquotes) keeps its x."""
    letter_x = [f"{key}: {ko[:70]!r}" for key, ko in KOREAN.items()
                if re.search(r"(?<=[\w}]) x (?=[\w{])|((?<![A-Za-z_\d])\d+|\})x(\d|\{)",
                             re.sub(r"`[^`]*`", "", ko))]  # "3x3" and "{h}x{w}" too (conv3x3 is a name)
    assert not letter_x, "\n".join(letter_x)


def test_a_formulas_index_is_not_the_letter_l() -> None:
    """"the l-th layer outputs k0 + l·k": in the pages' font l reads as 1 (ℓ does not)."""
    bare_l = [f"{key}: {text[:70]!r}" for key, pair in CATALOGUE.items() for text in pair
              if re.search(r"(?<![\w{])l(?=[·\-번*]|\s*[+·*=])|[+·*]\s*l(?![\w}])", text)]
    assert not bare_l, "\n".join(bare_l)
    assert "ℓ번째 층은 k0 + ℓ·k" in t("dense.ledger_rule", "ko", k0=64, l=6, k=32, total=256)


# Terms the lecture says in English: on a Korean page the English word appears only beside its
# Korean one, "보폭(stride)", never alone.
TERMS = {"stride": "보폭", "projection": "투영", "BasicBlock": "기본 블록", "Bottleneck": "병목 블록",
         "Transition": "전환 층", "DenseLayer": "밀집 층", "plain": "지름길 없는", "softmax": "소프트맥스"}


def test_english_terms_appear_only_beside_their_korean() -> None:
    alone = []
    for key, ko in KOREAN.items():
        text = re.sub(r"\{[^{}]*\}|`[^`]*`", "", ko)  # values and code are code
        for term, korean in TERMS.items():
            for m in re.finditer(rf"(?<![A-Za-z_.=]){term}(?![A-Za-z_=(])", text):
                before = text[max(0, m.start() - len(korean) - 4): m.start()]
                if korean not in before:
                    alone.append(f"{key}: {term} in {ko[:70]!r}")
    assert not alone, "\n".join(alone)


def test_glossary_holds_every_term_the_pages_use() -> None:
    """Each Korean word this file makes the pages use (and each one-word-per-concept choice)
    is in the 용어집, once, with its English."""
    korean = [g[0] for g in GLOSSARY]
    assert len(korean) == len(set(korean))
    text = " ".join(f"{g[0]} {g[1]}" for g in GLOSSARY)
    for word in [*TERMS.values(), *ONE_WORD]:
        if word != "선생님":  # a person, not a term
            assert word in text, word
    for english in TERMS:
        assert english.lower() in text.lower(), english
    # The lecture's terms come first: its stride, padding and pooling before the app's own
    # shortcut and stage.
    first = [g[1] for g in GLOSSARY]
    assert first.index("stride") < first.index("shortcut") and first.index("pooling") < first.index("stage")


@pytest.mark.slow
def test_glossary_panel_opens_in_korean() -> None:
    from tests.pages import open_page

    at = open_page("lesson_resnet", lang="ko")
    at.button(key="glossary_open").click().run()
    shown = "\n".join(m.value for m in at.markdown)
    assert "| **보폭 (stride)** | stride |" in shown and "| **전환 층 (transition)** |" in shown


# The server's commands (installing, training, measuring): a student cannot run them, so a string that names
# one says who does (the teacher, on the server) and tells the reader to run nothing.
SERVER_COMMAND = re.compile(r"`(make (weights|notebooks|run)|python -m (bench|visualizer\.reference)"
                            r"|sudo apt-get)\b[^`]*`")


def test_the_servers_commands_are_the_teachers() -> None:
    named = {key: ko for key, ko in KOREAN.items() if SERVER_COMMAND.search(ko)}
    assert len(named) >= 5  # the weights' and measurements' "missing" sentences at least
    no_teacher = [key for key, ko in named.items() if "선생님이 서버에서" not in ko]
    assert no_teacher == []
    english = [key for key in named if "teacher" not in CATALOGUE[key][0]]
    assert english == []
    # nothing addressed to the reader: no "실행하세요" (run it), "학습하세요", "다시 시도하세요"
    told = [key for key, ko in named.items() if re.search(r"하세요|해 보세요", ko)]
    assert told == []


@pytest.mark.slow  # an AppTest page
def test_a_fresh_server_says_in_korean_who_trains_the_missing_weights(fashion_env: object) -> None:
    """No trained weights in the cache: the AlexNet lesson's notebook tab says what is missing
    and that the teacher trains it; the command is the teacher's, introduced in Korean."""
    from tests.pages import open_page, text_of

    at = open_page("lesson_alexnet", lang="ko", tab="notebook")
    assert not at.exception, at.exception
    shown = [i.value for i in at.info if "make weights" in i.value]
    assert shown, "the missing weights are not mentioned"
    for text in shown:
        assert "아직 학습하지 않았습니다" in text and "선생님이 서버에서 `make weights`를 실행하면" in text
        assert "하세요" not in text
    assert "터미널에서" not in text_of(at)


def test_no_particle_pair_is_left_for_the_reader() -> None:
    """Every "을(를)" in the catalogue follows a value and is chosen when the value is filled
    in: none reaches the page (the torchvision download's help had "{file}({source})을(를)")."""
    left = []
    for key, ko in KOREAN.items():
        fields = set(re.findall(r"\{(\w+)[^{}]*\}", ko))
        shown = t(key, "ko", **dict.fromkeys(fields, 3)) if fields else ko
        if re.search(r"이\(가\)|을\(를\)|은\(는\)|과\(와\)|\(으\)로", shown):
            left.append(f"{key}: {shown[:70]!r}")
    assert not left, "\n".join(left)


def test_the_builders_layer_names_say_the_korean_word_first() -> None:
    """Issue 30: the builder's palette read "Conv2d (합성곱)": the code name first, where every
    other page writes 보폭(stride), the Korean first. Each Korean layer name with a code name
    beside it starts with its Korean word; the activations the lecture calls by their English
    names (ReLU, GELU, ...) are the names themselves."""
    code_first = []
    for key, ko in KOREAN.items():
        if not key.startswith("item."):
            continue
        word, _, after = ko.partition(" (")
        if after and not re.match(r"[가-힣0-9]", word):
            code_first.append(f"{key}: {ko}")
    assert not code_first, code_first
    assert t("item.conv", "ko") == "합성곱 (Conv2d)"


# --- English and its units on a Korean page (issue 30's screenshot sweep) ------------------
def _prose(text: str) -> str:
    """A catalogue string without what may be English: values, code, links, quoted titles and
    a term's English in parentheses after its Korean (보폭(stride))."""
    return re.sub(r"\{[^{}]*\}|`[^`]*`|\[[^\]]*\]\([^)]*\)|\"[^\"]*\"|“[^”]*”|\([^()]*\)", "", text)


def test_a_korean_string_has_no_english_phrase_and_an_english_one_no_korean() -> None:
    """The join screen's title read "노트북이나 휴대폰으로 참여하세요 · Join on your laptop or
    phone" on a Korean page (and the other way round on an English one). Three English words in
    a row are English prose, and so are the words the sweep found alone between Korean ones
    ("vs", "et al.", the glossary's "English" column, "top-1", the builder's "basic" and
    "Flatten", "BN"); the language menu's own names (한국어 ↔ English) are the one exception."""
    prose = re.compile(r"(?<![\w.-])[A-Za-z]+(?: [A-Za-z]+){2,}"
                       r"|(?<![A-Za-z])(vs|et al|English|top-1|basic|bottleneck|Flatten|Linear)(?![\w-])"
                       r"|(?<![A-Za-z])BN(?![A-Za-z])")  # 배치 정규화, after its first 배치 정규화(BN)
    english = [f"{key}: {m.group(0)!r}" for key, ko in KOREAN.items()
               for m in [prose.search(_prose(ko).replace("한국어 ↔ English", ""))] if m]
    assert not english, "\n".join(english)
    # "et al." is 외, in parentheses too (He 외 2016)
    et_al = [key for key, ko in KOREAN.items() if "et al" in re.sub(r"`[^`]*`", "", ko)]
    assert not et_al, et_al
    korean = [key for key, (en, _) in CATALOGUE.items() if re.search(r"[가-힣]", en.replace("한국어", ""))]
    assert not korean, korean
    assert t("join.title", "ko") == "노트북이나 휴대폰으로 참여하세요"
    assert t("join.title", "en") == "Join on your laptop or phone"


def test_counts_on_a_korean_page_are_said_in_man_and_eok() -> None:
    """"463K", "0.27 M", "3.8 G / 4.09 G MACs" on Korean pages whose headlines say 6,110만 and
    40.89억: a Korean count is said in 만 and 억 (a name is a name: "(4K)", IMAGENET1K_V1)."""
    units = [f"{key}: {m.group(0)!r}" for key, ko in KOREAN.items()
             for m in [re.search(r"(?<![\w.])\d+(\.\d+)?\s?[KMG](?![A-Za-z_\d])", _prose(ko))] if m]
    assert not units, "\n".join(units)
    # GoogLeNet's Table 1 widths (#1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj) worked by
    # hand, weights only: 4c on 512 channels, 5a on 832.
    w4c = 512 * 128 + 512 * 128 + 9 * 128 * 256 + 512 * 24 + 25 * 24 * 64 + 512 * 64
    w5a = 832 * 256 + 832 * 160 + 9 * 160 * 320 + 832 * 32 + 25 * 32 * 128 + 832 * 128
    note = t("inc.table1_note", "ko")
    assert f"{w4c:,}개(약 51만)" in note and f"{w5a:,}개(약 104만)" in note  # 509,440 and 1,042,432
    assert "463 × 1,024 = 약 47만" in note and "1,072 × 1,024 = 약 110만" in note  # the paper's K is 1,024
    # ResNet-50: the paper's 3.8 × 10⁹ multiply-adds (Table 1), torchvision's 4.09 GFLOPS (its
    # documentation's count, multiply-adds): 38억 and 40.9억.
    assert "38억" in t("note.resnet50", "ko") and "40.9억" in t("note.resnet50", "ko")
    # the ResNet paper's Table 6: ResNet-20 0.27 M parameters, ResNet-56 0.85 M
    for key, count in (("note.resnet20", "27만"), ("note.plain20", "27만"), ("note.resnet56", "85만"),
                       ("note.plain56", "85만")):
        assert f"파라미터 {count} 개" in t(key, "ko"), key


def test_the_glossary_names_alexnets_conv1_divergence() -> None:
    """The glossary said 96 channels after AlexNet's conv1, the app's model has 64: the paper has
    96 (two GPUs × 48, its Figure 2), torchvision's AlexNet 64 (Conv2d(3, 64, 11, 4, 2)). Both
    are named, and the difference is said to be one."""
    entry = next(g for g in GLOSSARY if g[1] == "channel")
    for text, divergence in ((entry[2], "differs from the paper"), (entry[3], "논문과 다른 점")):
        assert all(re.search(rf"(?<!\d){n}(?!\d)", text) for n in (96, 48, 64)), text
        assert "torchvision" in text and divergence in text, text
