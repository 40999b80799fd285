#include "exports/export_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace phonefleet::exports {

ExportFile::ExportFile(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::string tmpl = (dir / "line-states-XXXXXX.csv").string();
    int fd = mkstemps(tmpl.data(), 4);
    if (fd < 0) throw std::runtime_error("cannot create an export file in " + dir.string());
    path_ = tmpl;
    out_ = fdopen(fd, "wb");
    if (!out_) {
        ::close(fd);
        std::filesystem::remove(path_, ec);
        throw std::runtime_error("cannot open export file " + path_.string());
    }
    std::setvbuf(out_, nullptr, _IOFBF, 256 * 1024);
}

ExportFile::~ExportFile() {
    if (out_) std::fclose(out_);
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

void ExportFile::write(std::string_view bytes) {
    if (!out_) throw std::runtime_error("export file already closed");
    if (std::fwrite(bytes.data(), 1, bytes.size(), out_) != bytes.size())
        throw std::runtime_error("cannot write export file " + path_.string());
    size_ += bytes.size();
}

void ExportFile::close() {
    if (!out_) return;
    const bool ok = std::fflush(out_) == 0 && !std::ferror(out_);
    std::fclose(out_);
    out_ = nullptr;
    if (!ok) throw std::runtime_error("cannot write export file " + path_.string());
}

ExportFileReader::ExportFileReader(std::shared_ptr<const ExportFile> file) : file_(std::move(file)) {
    fd_ = ::open(file_->path().c_str(), O_RDONLY | O_CLOEXEC);
}

ExportFileReader::~ExportFileReader() {
    if (fd_ >= 0) ::close(fd_);
}

long ExportFileReader::read_at(std::uint64_t offset, char* buf, std::size_t length) const {
    if (fd_ < 0) return -1;
    for (;;) {
        auto n = ::pread(fd_, buf, length, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        return static_cast<long>(n);
    }
}

}  // namespace phonefleet::exports
