#include "exports/csv_export.hpp"

#include <chrono>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace phonefleet::exports {

std::shared_ptr<const ExportFile> write_csv_export(const std::filesystem::path& dir, const CsvExportFaults& faults,
                                                   const std::function<void(CsvWriter&)>& rows) {
    if (faults.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(faults.delay_ms));
    auto file = std::make_shared<ExportFile>(dir);
    bool write_failed = false;
    {
        CsvWriter csv(
            [&](std::string_view bytes) {
                if (write_failed) return;
                try {
                    file->write(bytes);
                } catch (...) {
                    write_failed = true;
                }
            },
            ',', 256 * 1024);
        rows(csv);
        if (faults.fail) throw std::runtime_error("fault injection: export failure");
        csv.flush();
    }
    if (write_failed) throw std::runtime_error("cannot write the export file");
    file->close();
    return file;
}

}  // namespace phonefleet::exports
