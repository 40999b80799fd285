#pragma once
// A finished export as a temporary file (F13): the CSV is written whole before a single byte is
// sent, so a failure answers 500 and never a truncated file; the file is then streamed to every
// response that serves it (the cross-user cache included) and removed when the last one is done.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "exports/export_limiter.hpp"

namespace phonefleet::exports {

class ExportFile final : public ExportArtifact {
public:
    // A new empty file in dir (created if missing). Throws std::runtime_error on failure.
    explicit ExportFile(const std::filesystem::path& dir);
    ~ExportFile() override;  // removes the file
    ExportFile(const ExportFile&) = delete;
    ExportFile& operator=(const ExportFile&) = delete;

    void write(std::string_view bytes);  // throws on I/O error
    void close();                        // flushes; throws on I/O error; the size is then known

    const std::filesystem::path& path() const { return path_; }
    std::uint64_t size() const { return size_; }

private:
    std::filesystem::path path_;
    std::FILE* out_ = nullptr;
    std::uint64_t size_ = 0;
};

// A reader of a closed ExportFile for one response (its own descriptor, reads at any offset).
class ExportFileReader {
public:
    explicit ExportFileReader(std::shared_ptr<const ExportFile> file);
    ~ExportFileReader();
    ExportFileReader(const ExportFileReader&) = delete;
    ExportFileReader& operator=(const ExportFileReader&) = delete;

    // Reads up to `length` bytes at `offset` into buf; returns the count, 0 at the end, -1 on error.
    long read_at(std::uint64_t offset, char* buf, std::size_t length) const;
    std::uint64_t size() const { return file_->size(); }

private:
    std::shared_ptr<const ExportFile> file_;
    int fd_ = -1;
};

}  // namespace phonefleet::exports
