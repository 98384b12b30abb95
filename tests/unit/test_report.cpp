#include "touch/report.hpp"

#include <doctest/doctest.h>

using namespace touch;

TEST_CASE("JSON strings are escaped and always valid") {
    CHECK(json_escape("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_escape("line\nnext\x1b") == "\"line\\nnext\\u001b\"");
    CHECK(json_escape("café") == "\"café\"");
    CHECK(json_escape("bad\xff") == "\"bad\xEF\xBF\xBD\"");
}

TEST_CASE("JSON writer nests and separates") {
    JsonWriter json;
    json.begin_object()
        .field("a", 1)
        .key("b")
        .begin_array()
        .value("x")
        .value(true)
        .null()
        .end_array();
    json.key("c").begin_object().end_object().end_object();
    CHECK(json.str() ==
          "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"c\": {}\n}\n");
}

TEST_CASE("CSV quotes per RFC 4180 and defuses formulas") {
    CHECK(csv_record({"a", "b,c", "say \"hi\""}) == "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    CHECK(csv_record({"=HYPERLINK(\"x\")", "+1", "@SUM", "-3", "-x"}) ==
          "\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM,-3,'-x\r\n");
    CHECK(csv_record({"two\nlines"}) == "\"two\nlines\"\r\n");
}

TEST_CASE("columns align by display width") {
    CHECK(align_columns({{"a", "x"}, {"日本", "y"}}, "  ") == "  a     x\n  日本  y\n");
}

TEST_CASE("paint only with colour") {
    CHECK(paint(Style{false, 0}, "31", "x") == "x");
    CHECK(paint(Style{true, 0}, "31", "x") == "\x1b[31mx\x1b[0m");
}
