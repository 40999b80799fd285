// The Devices tab's Import menu and Export button (F7, F8, F9), as the administrator guide
// lays them out: "Importer" -> Download the template, Instructions, Upload a CSV file; then a
// dialog that shows the check's progress, every problem by row (filter, save as CSV), and
// uploads only a clean file. A file can also be dropped onto the page (web/bridge.js).
#include <algorithm>
#include <cctype>
#include <cfloat>
#include <string>
#include <vector>

#include "ui/widget_registry.hpp"
#include "ui/widgets.hpp"
#include "views/view_common.hpp"
#include "views/views.hpp"

namespace phonefleet::client::views {
namespace {

std::string t(const ClientState& s, const char* key) { return std::string(text(key, s.lang)); }

float button_width(const std::string& label) {
    return ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The problems the filter lets through, recomputed only when the filter, the language or the
// problems change (a file may hold 100,000 problems: not every frame).
const std::vector<std::size_t>& filtered_problems(const ClientState& state) {
    static struct {
        std::string filter;
        Language lang = Language::En;
        int generation = -1;
        const void* data = nullptr;
        std::size_t count = 0;
        std::vector<std::size_t> rows;
    } cache;
    const ImportDialog& im = state.import;
    const std::string filter = lower(im.filter);
    if (cache.filter == filter && cache.lang == state.lang && cache.generation == im.generation &&
        cache.data == im.problems.data() && cache.count == im.problems.size())
        return cache.rows;
    cache.filter = filter;
    cache.lang = state.lang;
    cache.generation = im.generation;
    cache.data = im.problems.data();
    cache.count = im.problems.size();
    cache.rows.clear();
    for (std::size_t i = 0; i < im.problems.size(); ++i) {
        const ImportProblem& p = im.problems[i];
        if (filter.empty() || std::to_string(p.row) == filter ||
            lower(std::string(im.column_shown(p)) + "\n" + p.value + "\n" + im.message_of(p, state.lang)).find(filter) != std::string::npos)
            cache.rows.push_back(i);
    }
    return cache.rows;
}

void draw_problems_table(ClientState& state, float height) {
    const ImportDialog& im = state.import;
    const std::vector<std::size_t>& rows = filtered_problems(state);
    if (rows.empty()) {
        ui::text(t(state, "ui.import.no_match"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("problems", 4, flags, ImVec2(0, height))) return;
    // weight: a share of the width left; fixed: a width in pixels.
    auto col = [&](const char* key, const char* id, float weight, float fixed = 0) {
        std::string label = t(state, key) + "###" + id;
        if (fixed > 0) ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthFixed, fixed);
        else ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch, weight);
    };
    // The Column column as wide as the file's longest header ("Identifiant station
    // multicellule"), up to a bound: the name a person looks for in the file is shown whole.
    float widest = ImGui::CalcTextSize(t(state, "ui.import.column").c_str()).x;
    for (const auto& h : im.headers) widest = std::max(widest, ImGui::CalcTextSize(h.as_written.c_str()).x);
    const float column_width = std::min(widest + ImGui::GetStyle().CellPadding.x * 2, 16 * ImGui::GetFontSize());
    col("ui.import.row", "row", 0.35f);
    col("ui.import.column", "column", 0, column_width);
    col("ui.import.value", "value", 1.1f);
    col("ui.import.message", "message", 3.4f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ui::table_headers_row(4);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ImportProblem& p = im.problems[rows[static_cast<std::size_t>(i)]];
            const std::string row = std::to_string(p.row);
            ImGui::TableNextRow();
            ImGui::PushID(i);
            ui::registry().set_row(row);
            ImGui::TableNextColumn();
            ui::cell(row);
            ImGui::TableNextColumn();
            ui::cell(im.column_shown(p));
            ImGui::TableNextColumn();
            ui::cell(p.value);
            ImGui::TableNextColumn();
            ui::cell(im.message_of(p, state.lang), &kErrorColor);
            ui::registry().set_row("");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// The warnings (SPEC 5: the rows are imported anyway), in amber under their own count: a short
// table, apart from the problems that block.
void draw_warnings_table(ClientState& state, float height) {
    const ImportDialog& im = state.import;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("warnings", 3, flags, ImVec2(0, height))) return;
    ImGui::TableSetupColumn((t(state, "ui.import.row") + "###wrow").c_str(), ImGuiTableColumnFlags_WidthStretch, 0.35f);
    ImGui::TableSetupColumn((t(state, "ui.import.value") + "###wvalue").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn((t(state, "ui.import.message") + "###wmessage").c_str(), ImGuiTableColumnFlags_WidthStretch, 4.5f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ui::table_headers_row(3);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(im.warnings.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ImportProblem& w = im.warnings[static_cast<std::size_t>(i)];
            const std::string row = std::to_string(w.row);
            ImGui::TableNextRow();
            ImGui::PushID(i);
            // Keyed apart from the problems' rows: the same file row may be in both tables.
            ui::registry().set_row("warning/" + row);
            ImGui::TableNextColumn();
            ui::cell(row);
            ImGui::TableNextColumn();
            ui::cell(w.value);
            ImGui::TableNextColumn();
            ui::cell(im.message_of(w, state.lang), &kWarningColor);
            ui::registry().set_row("");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void draw_import_dialog(ClientState& state, Controller& controller) {
    ImportDialog& im = state.import;
    const float em = ImGui::GetFontSize();
    const ImVec2 size(std::min(72 * em, ImGui::GetMainViewport()->Size.x * 0.92f),
                      std::min(34 * em, ImGui::GetMainViewport()->Size.y * 0.85f));
    if (!begin_modal(t(state, "ui.import.title"), "import_dialog", im.open, im.just_opened,
                     [&] { controller.close_import(); }, {.size = size, .anchor_y = 0.5f, .pivot_y = 0.5f}))
        return;
    ui::text(fill("ui.import.file", im.file_name, state.lang));

    if (im.phase == ImportPhase::Catalog) {
        ui::text(t(state, "ui.import.catalog"));
    } else if (im.phase == ImportPhase::Validating) {
        ui::text(fill("ui.import.validating", im.file_name, state.lang));
        const float fraction = im.bytes.empty() ? 1.0f : static_cast<float>(im.validated) / im.bytes.size();
        const std::string overlay = format_count(im.validated / 1024, state.lang) + " / " + format_count(im.bytes.size() / 1024, state.lang) + " KiB";
        ImGui::ProgressBar(fraction, ImVec2(-1, 0), overlay.c_str());
        ui::registry().record_last_item(t(state, "ui.import.progress"), "progress", true,
                                        std::to_string(static_cast<int>(fraction * 100)) + "%");
    } else {
        // The counts, then what can be done.
        ui::text(fill_count("ui.import.valid_rows", im.valid_rows, state.lang));
        ImGui::SameLine(0, 2 * em);
        ui::text(fill_count("ui.import.problems", im.problems.size(), state.lang));
        if (!im.warnings.empty()) {
            ImGui::SameLine(0, 2 * em);
            ui::text_colored(kWarningColor, fill_count("ui.import.warnings", im.warnings.size(), state.lang));
        }
        if (!im.error.empty()) ui::message(kErrorColor, im.error);
        else if (im.problems.empty() && im.phase == ImportPhase::Done) ui::message(state_color(RegistrationState::Registered), t(state, "ui.import.clean"));
        else if (!im.problems.empty())
            ui::message(kErrorColor, t(state, im.server_checked ? "ui.import.server_found" : "ui.import.not_clean"));
    }

    const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    if (!im.warnings.empty() && im.phase != ImportPhase::Validating) {
        ui::message(kWarningColor, t(state, "ui.import.warnings_note"));
        // At most a few rows when problems are listed below: those are what must be fixed.
        const float row_height = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
        const float rows = static_cast<float>(std::min<std::size_t>(im.warnings.size(), im.problems.empty() ? 12 : 4));
        draw_warnings_table(state, std::min((rows + 1.5f) * row_height, std::max(4 * em, ImGui::GetContentRegionAvail().y - footer)));
    }
    if (!im.problems.empty()) {
        const std::string filter = t(state, "ui.import.filter");
        ImGui::AlignTextToFramePadding();
        ui::text(filter);
        ImGui::SameLine();
        const std::string save = t(state, "ui.import.save_csv") + "###save_problems";
        ImGui::SetNextItemWidth(std::max(10 * em, ImGui::GetContentRegionAvail().x - button_width(save) - em));
        ImGui::InputTextWithHint("##problem_filter", text("ui.import.filter_hint", state.lang).data(), im.filter,
                                 sizeof im.filter);
        ui::registry().record_last_item(filter, "input");
        ImGui::SameLine();
        if (ui::button(save.c_str())) controller.save_import_problems();
        draw_problems_table(state, std::max(4 * em, ImGui::GetContentRegionAvail().y - footer));
    } else {
        ImGui::Dummy(ImVec2(1, std::max(0.0f, ImGui::GetContentRegionAvail().y - footer)));
    }

    ImGui::Separator();
    const bool uploading = im.phase == ImportPhase::Uploading;
    const std::string upload = (uploading ? t(state, "ui.in_progress") : t(state, "ui.import.upload")) + "###upload";
    if (ui::button(upload.c_str(), im.clean() && im.valid_rows > 0)) controller.upload_import();
    ImGui::SameLine();
    const std::string close = t(state, "ui.close") + "###close_import";
    if (ui::button(close.c_str(), !uploading)) controller.close_import();
    end_modal();
}

void draw_instructions(ClientState& state, Controller& controller) {
    ImportDialog& im = state.import;
    const float em = ImGui::GetFontSize();
    const ImVec2 size(std::min(44 * em, ImGui::GetMainViewport()->Size.x * 0.9f), 0);
    ImGui::SetNextWindowSizeConstraints(ImVec2(size.x, 0), ImVec2(size.x, FLT_MAX));
    if (!begin_modal(t(state, "ui.import.instructions"), "import_instructions", im.instructions_open,
                     im.instructions_just_opened, [&] { controller.close_import_instructions(); },
                     {.anchor_y = 0.5f, .pivot_y = 0.5f, .flags = ImGuiWindowFlags_AlwaysAutoResize}))
        return;
    for (const char* key : {"ui.import.instructions.1", "ui.import.instructions.2", "ui.import.instructions.3",
                            "ui.import.instructions.4", "ui.import.instructions.5", "ui.import.instructions.6"}) {
        ImGui::Bullet();
        ImGui::PushTextWrapPos(0.0f);
        ui::text(t(state, key));
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    if (ui::button((t(state, "ui.close") + "###close_instructions").c_str())) controller.close_import_instructions();
    end_modal();
}

}  // namespace

float transfer_buttons_width(const ClientState& state) {
    return button_width(t(state, "ui.import")) + button_width(t(state, "ui.export")) + ImGui::GetStyle().ItemSpacing.x;
}

void draw_transfer_buttons(ClientState& state, Controller& controller) {
    const bool customer = state.selected_customer.has_value();
    const std::string import = t(state, "ui.import") + "###import_menu";
    if (ui::button(import.c_str(), customer)) ImGui::OpenPopup("import_menu");
    // A drop-down under its button (as the guide's "menu déroulant Importer"), kept on screen.
    const ImVec2 below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(std::min(below.x, vp->Pos.x + vp->Size.x - 18 * ImGui::GetFontSize()), below.y),
                            ImGuiCond_Appearing);
    if (ImGui::BeginPopup("import_menu")) {
        ui::registry().set_dialog(t(state, "ui.import"));
        if (ui::menu_item(t(state, "ui.import.template").c_str(), !state.transfer.template_loading))
            controller.download_template();
        if (ui::menu_item(t(state, "ui.import.instructions").c_str())) controller.open_import_instructions();
        if (ui::menu_item(t(state, "ui.import.upload_file").c_str(), state.import.phase != ImportPhase::Uploading))
            controller.pick_import_file();
        ui::registry().set_dialog("");
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    const std::string exp = t(state, "ui.export") + "###export";
    if (ui::button(exp.c_str(), customer && !state.transfer.exporting)) controller.export_devices();
}

void draw_import_dialogs(ClientState& state, Controller& controller) {
    draw_import_dialog(state, controller);
    draw_instructions(state, controller);
}

}  // namespace phonefleet::client::views
