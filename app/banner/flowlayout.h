// A layout that lays its items out left to right and starts a new row when the next one would
// not fit, each row's items centred vertically: the banner's patient fields, which at 200%
// scaling or on a narrow screen take two or three rows instead of running off the edge. Hidden
// widgets take no room. A word-wrapping label wider than the row is given the row's width.
#pragma once

#include <QLayout>
#include <QList>

namespace Lanyard::Shell {

class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int horizontalSpacing = 12,
                        int verticalSpacing = 4);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override; // the widest item
    QSize sizeHint() const override;    // everything on one row
    void setGeometry(const QRect &rect) override;

private:
    // Places the items in `rect` (only measures when `place` is false); returns the height used.
    int arrange(const QRect &rect, bool place) const;

    QList<QLayoutItem *> m_items;
    int m_horizontal;
    int m_vertical;
};

} // namespace Lanyard::Shell
