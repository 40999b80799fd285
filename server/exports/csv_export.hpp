#pragma once
// One CSV export written to its file (SPEC 6: line states, registration history): the writer's
// sink notes a failed write rather than throwing from the writer's destructor, the file is
// closed only when whole, and the fault injections of the tests are applied the same way for
// every export.
#include <filesystem>
#include <functional>
#include <memory>

#include "exports/export_file.hpp"
#include "phonefleet/csv_writer.hpp"

namespace phonefleet::exports {

struct CsvExportFaults {
    int delay_ms = 0;   // FAULT INJECTION: the export takes this much longer
    bool fail = false;  // FAULT INJECTION: the export fails once its rows are written
};

// `rows` writes the header and every row (it may throw: nothing is kept then). Throws when the
// file cannot be written or a fault is injected.
std::shared_ptr<const ExportFile> write_csv_export(const std::filesystem::path& dir, const CsvExportFaults& faults,
                                                   const std::function<void(CsvWriter&)>& rows);

}  // namespace phonefleet::exports
