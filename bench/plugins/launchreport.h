// One plugin type's click-to-signed-in row: the table (median and p90, through Lanyard and the
// floor) and the JSON line the bench report reads.
#pragma once

#include "benchsupport.h"

#include <cstdio>
#include <vector>

namespace Lanyard::Bench {

inline void printLaunchRow(const char *plugin, const char *application, const char *floorName,
                           const std::vector<double> &lanyard, const std::vector<double> &floor)
{
    const double l50 = percentile(lanyard, 0.5), f50 = percentile(floor, 0.5);
    const std::string through = std::string("through host, runner and ") + plugin;
    std::printf("click_to_signed_in: %s plugin, %s, %zu launches\n", plugin, application, lanyard.size());
    std::printf("%-36s %9s %9s\n", "ms", "median", "p90");
    std::printf("%-36s %9.1f %9.1f\n", through.c_str(), l50, percentile(lanyard, 0.9));
    std::printf("%-36s %9.1f %9.1f\n", floorName, f50, percentile(floor, 0.9));
    std::printf("{\"name\":\"click_to_signed_in\",\"plugin\":\"%s\",\"cycles\":%zu,\"lanyard_median_ms\":%.2f,"
                "\"floor_median_ms\":%.2f,\"ratio\":%.3f}\n",
                plugin, lanyard.size(), l50, f50, l50 / f50);
}

} // namespace Lanyard::Bench
