import codecs

import pytest

from explore.encoding import UndecodableError, common_share, decode_bytes

SIMPLIFIED = "中国联通召开2023年助力乡村振兴推进会，分享数字乡村建设成果，共话数字化赋能乡村振兴新未来。" * 3
TRADITIONAL = "中央網信辦等十一部門部署開展第二批國家數字鄉村試點工作，探索形成數字鄉村可持續發展模式。" * 3


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig", SIMPLIFIED),
        (codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16", SIMPLIFIED),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16", SIMPLIFIED),
        (SIMPLIFIED.encode("gb18030"), "gb18030", SIMPLIFIED),
        (SIMPLIFIED.encode("gbk"), "gb18030", SIMPLIFIED),
        (TRADITIONAL.encode("big5"), "big5", TRADITIONAL),
        (b"plain ascii text", "ascii", "plain ascii text"),
    ],
)
def test_decode_names_the_encoding(data, encoding, text):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_traditional_text_in_gb18030_is_not_taken_for_big5():
    decoded = decode_bytes(TRADITIONAL.encode("gb18030"))
    assert decoded.text == TRADITIONAL


def test_utf8_with_a_few_invalid_bytes_is_decoded_with_the_damage_counted():
    data, at = SIMPLIFIED.encode("utf-8"), len(SIMPLIFIED[:10].encode("utf-8"))
    decoded = decode_bytes(data[:at] + b"\xff\xfe\xfa" + data[at:])
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 3)
    assert decoded.text == SIMPLIFIED[:10] + "\ufffd" * 3 + SIMPLIFIED[10:]
    cut = decode_bytes(data[:100] + data[101:])  # a character cut in the middle
    assert cut.replaced == cut.text.count("\ufffd") >= 1


def test_utf8_with_much_damage_is_reported_not_guessed():
    data = bytes(0xFF if n % 7 == 0 else b for n, b in enumerate(SIMPLIFIED.encode("utf-8")))
    with pytest.raises(UndecodableError, match="not valid UTF-8"):
        decode_bytes(data)


def test_a_u_fffd_the_file_holds_is_not_counted_as_damage():
    data, at = (SIMPLIFIED + "\ufffd").encode("utf-8"), len(SIMPLIFIED[:10].encode("utf-8"))
    decoded = decode_bytes(data[:at] + b"\xff" + data[at:])
    assert decoded.replaced == 1 and decoded.text.count("\ufffd") == 2


def test_utf16_without_a_byte_order_mark_is_text():
    for encoding in ("utf-16-le", "utf-16-be"):
        decoded = decode_bytes((SIMPLIFIED + "\n2023年9月27日\n").encode(encoding))
        assert decoded.encoding == encoding and decoded.text.startswith(SIMPLIFIED)


def test_short_legacy_text_decodes_as_gb18030():
    assert decode_bytes("数字乡村".encode("gb18030")).text == "数字乡村"


def test_common_share_separates_text_from_mojibake():
    mojibake = TRADITIONAL.encode("big5").decode("gb18030", errors="ignore")
    assert common_share(SIMPLIFIED) > 0.95
    assert common_share(TRADITIONAL) > 0.95  # judged after folding to Simplified
    assert common_share(mojibake) < 0.8
    assert common_share("abc") is None
