// device_rows, the bulk import's table-valued function over rows in C++ memory: it gives the
// rows bound to it, as they are, and nothing for any other value.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "store/sqlite_db.hpp"
#include "store/sqlite_device_rows.hpp"
#include "test_server.hpp"

using namespace phonefleet::store;

TEST_CASE("device_rows gives the rows bound to it, and nothing for another value", "[store][import]") {
    phonefleet::testing::TempDir temp;
    Database db((temp.path() / "rows.sqlite").string());
    register_device_rows(db.handle());

    const std::string mac = "001565ABCDEF";
    const std::vector<DeviceRow> rows = {{mac, 3, 22, "", 0x001565ABCDEF}, {"00AA6E33D748", 4, 23, "42", 0x00AA6E33D748}};
    auto s = db.prepare("SELECT mac, site_id, device_type_id, multicell_station_id, mac_key FROM device_rows(?1)");
    const DeviceRowSpan span{rows.data(), rows.size()};
    s.bind_pointer(1, &span, kDeviceRowsPointer);
    REQUIRE(s.step());
    CHECK(s.text(0) == "001565ABCDEF");
    CHECK(s.int64(1) == 3);
    CHECK(s.int64(2) == 22);
    CHECK(s.is_null(3));
    CHECK(s.int64(4) == 0x001565ABCDEF);
    REQUIRE(s.step());
    CHECK(s.text(0) == "00AA6E33D748");
    CHECK(s.opt_text(3) == "42");
    CHECK_FALSE(s.step());
    s.reset();

    // SQL cannot forge the pointer: a text, a number or another pointer type reads as no rows.
    auto count = db.prepare("SELECT count(*) FROM device_rows(?1)");
    for (int i = 0; i < 3; ++i) {
        INFO("value " << i);
        if (i == 0) count.bind(1, "phonefleet_device_rows");
        if (i == 1) count.bind(1, std::int64_t{12345});
        if (i == 2) count.bind_pointer(1, &span, "another_type");
        REQUIRE(count.step());
        CHECK(count.int64(0) == 0);
        count.reset();
    }
    const DeviceRowSpan none;
    count.bind_pointer(1, &none, kDeviceRowsPointer);
    REQUIRE(count.step());
    CHECK(count.int64(0) == 0);
    count.reset();

    // Without its argument there is nothing to read: an error, not every row of something.
    CHECK_THROWS_AS(db.prepare("SELECT count(*) FROM device_rows"), StoreError);
}
